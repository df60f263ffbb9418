"""Given-name equivalence groups: nicknames, short forms and cross-language forms.

Owns the data behind :func:`clearance.names.equivalent_forms`. One group per line, folded,
the full name first. A name may sit in several groups (``al``: albert, alfred, alexander...);
equivalent_forms unions the groups a token is in, without chaining further. Written for this
project from general knowledge of English, Russian, German, French, Spanish, Italian, Arabic
and Turkish naming.
"""

ENGLISH = """
aaron ron ronnie erin
abigail abby abbie abbey abbi gail nabby
abraham abe bram abram
adam ad addie
adelaide addie adela della heidi
adeline addie adela aline lina
adrian adie ade
agatha aggie
agnes aggie nessa nessie
albert al bert bertie albie
alberta bertie allie
alexander alex al alec alek sandy xander lex sasha alexis
alexandra alex alexa sandra sandy lexi sasha alix
alfred al alf alfie fred freddie
alice allie alli elsie lisa
alison allie
allan al alan allen
amanda mandy manda
amelia amy millie emmy
andrew andy drew
angela angie angel
anna ann annie nan nancy nanny hannah
anne ann annie nan nancy
anthony tony ant
antoinette toni netta
antonia toni tonya
archibald archie baldie
arnold arnie
arthur art artie
augustus gus augie
augustine gus austin
barbara barb barbie babs bobbie
bartholomew bart barty mees
beatrice bea trixie betty
benedict ben benny
benjamin ben benny benji benjy jamie
bernard bernie barney
bertram bert bertie
bradley brad
brian bryan
bridget biddy bridie brie
calvin cal
camille cammie millie
caroline carrie carol carly lina
catherine cathy cat kate katie kitty kay trina
cecilia cissy celia sissy
charles charlie chuck chas chaz chip carl hal
charlotte lottie charlie lotta
chester chet
christian chris kit
christina chris christie tina kristy
christine chris christie tina
christopher chris kit topher kris
clarence clare
clifford cliff
constance connie
cornelius neil corny con
cynthia cindy cyndi
daniel dan danny
david dave davy davey
deborah debbie deb debby
dennis denny
dominic dom nick
donald don donnie
dorothy dot dottie dolly dora
douglas doug
edgar ed eddie ned
edith edie
edmund ed eddie ned ted
edward ed eddie ned ted teddy ward
edwin ed eddie win ned
eleanor ellie nell nellie nora elaine lena
elizabeth liz lizzie beth betty betsy bess bessie eliza libby lisa elsie lizbeth ellie liza
ellen ellie nell nellie
emily em emmy millie
emma em emmy
ernest ernie
esther essie hester
eugene gene
evelyn eve evie
ezekiel zeke
florence flo flossie
frances fran fanny frankie
francis frank frankie fran
franklin frank
frederick fred freddie fritz rick
gabriel gabe
geoffrey geoff jeff
george georgie
gerald gerry jerry
geraldine gerry jerry dina
gertrude gertie trudy
gilbert gil bert
gregory greg
gwendolyn gwen wendy
harold harry hal
harriet hattie hatty
henrietta etta hettie nettie
henry harry hank hal hen
herbert herb bert
howard howie
hubert bert hugh
hugh hughie
isaac ike zak
isabella bella izzy isabel belle ibby
isabel bella belle izzy
jacob jake jack jim jay
james jim jimmy jamie jem jimmie
jane jenny jen janey jan jennie
janet jan jenny nettie
jasper jas
jean jeanie
jefferson jeff
jeffrey jeff geoff
jennifer jen jenny jenn
jeremiah jerry jeremy
jeremy jerry
jessica jess jessie
joan jo joanie
joanna jo joanie
john jack johnny jon jock hans jacky
jonathan jon johnny nathan
joseph joe joey jo jos
josephine jo josie pheny
joshua josh
judith judy jude
julia julie jules
julian jules
katherine kathy kate katie kay kitty trina kit
kathleen kathy kate katie
kenneth ken kenny
kimberly kim kimmy
kristopher kris chris
lawrence larry lars laurie lon
leonard leo len lenny
leroy lee roy
lillian lily lil lilly
louis lou louie lew
louisa lou lulu
louise lou lulu
lucinda lucy cindy
lucy lu lucia
luke lucas
margaret maggie meg peggy marge margie greta daisy madge rita molly peg
marjorie marge margie
martha marty mattie patty
martin marty
mary molly polly mae mamie maria mimi
matilda tilly matty maud
matthew matt matty
maurice morris mo
maximilian max
melissa mel missy lissa
michael mike mikey mick mickey mitch
mildred millie milly
mitchell mitch
nathan nate nat
nathaniel nate nat nathan
nicholas nick nicky cole klaus
norman norm
oliver ollie
olivia liv livvy ollie
patricia pat patty trish tricia
patrick pat paddy patty rick
paul paulie
peter pete
philip phil pip
phyllis phil
priscilla cilla prissy
rachel rae shelly
randolph randy dolph
raymond ray
rebecca becky becca reba
reginald reg reggie
richard dick rick ricky rich richie
robert bob bobby rob robbie bert
roberta bobbie robbie
roderick rod roddy rick
rodney rod
ronald ron ronnie
rosalind rosa roz
rose rosie
russell russ
samantha sam sammy
samuel sam sammy
sarah sally sadie sara
sebastian seb
sidney sid
solomon sol
sophia sophie
stanley stan
stephanie steph stephie
stephen steve stevie
steven steve stevie
susan sue susie suzy
susanna sue susie hannah
sylvester sly syl
terence terry
theodore ted teddy theo
theresa terry tess tessa tracy
thomas tom tommy thom
timothy tim timmy
tobias toby
valentine val
valerie val
victor vic
victoria vicky tori vickie
vincent vince vinny
virginia ginny ginger
walter walt wally
wilfred fred will
william bill billy will willy willie liam
winifred winnie freddie
zachary zach zack
"""

RUSSIAN = """
aleksandr sasha sashka shura alik
aleksandra sasha shura
aleksey alyosha lyosha lesha
anastasiya nastya asya
anatoliy tolya
andrey andryusha
anna anya anyuta
boris borya
dmitriy dima mitya
ekaterina katya katyusha
elena lena lenochka
evgeniy zhenya
evgeniya zhenya
fyodor fedya
georgiy gosha zhora yura
grigoriy grisha
ivan vanya
konstantin kostya
ksenia ksyusha
lyudmila lyuda mila
mariya masha manya
mikhail misha
natalya natasha
nikolay kolya
olga olya
pavel pasha
pyotr petya
sergey seryozha serezha
svetlana sveta
tatyana tanya
vladimir volodya vova
vladislav vlad slava
vyacheslav slava
yuriy yura
yuliya yulya
"""

# Cross-language forms of common names (and their spelling variants in several languages).
CROSS = """
john johann johannes juan jean ivan ioannis giovanni jan hans yahya yohannes sean ian evan
john jon joao jovan juhani janos
joseph josef giuseppe jose yusuf iosif osip jozef youssef yousef yusef joze josep
mary maria marie mariya miriam maryam mariam marija
michael michel miguel michele mikhail michal mikael mikhael mykhailo mihail mihai mikel
peter pierre pedro pietro pyotr petr piotr petar peder petrus boutros butrus
paul pablo paolo pavel pawel paulo pal
james jacques jaime diego giacomo jakob yakov jacob jakub yaqub yacoub
jacob jakob yakov jakub yaqub yacoub jacques
stephen steven stefan etienne esteban stefano stepan istvan stephan
george georg jorge giorgio georgiy georgios jurgen yuri jerzy jiri gheorghe
william wilhelm guillaume guillermo guglielmo willem vilhelm
henry heinrich henri enrique enrico henrik
charles karl carlos carlo carl karol
francis francois francisco francesco franz frantisek
anthony antonio antoine anton antonin antoni
andrew andreas andre andres andrea andrey andrzej andrei andriy ondrej
alexander alexandre alejandro alessandro aleksandr aleksander alexandros oleksandr
alexander iskander iskandar sikandar
nicholas nicolas nikolai nikolay nicola nicolo niklaus klaus mikolaj nikolaos nikola mykola
thomas tomas tommaso foma tamas toma
matthew matthias mateo matteo mathieu matvey mateusz matej
luke luc lucas luca luka lukas
mark marc marco marcos marek markus
daniel danilo daniil danyal
david dawid davide daoud dawud dawood davit
samuel samuele shmuel
solomon suleiman sulaiman sulayman salomon shlomo
abraham ibrahim avraham abram
isaac ishaq itzhak yitzhak isaak
moses musa moshe moise mose
jesus isa yeshua
noah nuh noe
adam adem
aaron harun haroun aron
elijah ilyas elias ilya elie eliyahu
joshua yeshua josue
zachary zakaria zakariya zacharias
gabriel jibril gavriil gabriele
raphael rafael raffaele
benjamin binyamin benyamin beniamino
joel yoel
jonah yunus younis jonas
job ayyub ayoub
david dawud daoud
lawrence laurence lorenzo laurent lars lavrentiy
martin martino martyn
robert roberto robert
richard ricardo riccardo
edward eduardo edoardo eduard
frederick friedrich federico frederic fredrik
louis ludwig luis luigi ludovic lewis
philip philippe felipe filippo filip
vincent vincenzo vicente
victor viktor vittorio
sergey sergei sergio serge
catherine katharina caterina catalina ekaterina katarzyna kateryna katarina
elizabeth elisabeth isabel elisabetta elizaveta elzbieta
helen helene elena helena yelena ilona
anna anne ana anya hanna
margaret margarete marguerite margarita margherita malgorzata
sophia sophie sofia sofiya
julia julie giulia yuliya yulia julija
eugene eugen eugenio evgeniy yevgeny evgeny
dmitriy dmitry dmitri demetrius dimitrios dimitri
constantine konstantin konstantinos costantino
gregory gregor gregorio grigoriy grzegorz
muhammad mohammed mehmet mehmed mohamed mohammad mamadou mamad muhammet
ahmad ahmed ahmet
mustafa mustapha moustafa
omar umar omer
osman uthman othman usman
hasan hassan hasanov
husayn hussein huseyin husein hussain
ali aly
fatima fatma fatemeh
ayesha aisha aicha aysha ayse
khadija hatice khadijah
yusuf yousef youssef yusif
ismail ismael ismayil
ibrahim ibragim
suleiman suleyman sulejman
abdullah abdallah abdulla
hamza hamzah
kemal kamal
yasin yassin yassine
emin amin ameen
mahmud mahmoud mehmud
"""

ENGLISH_MORE = """
abel abe
abijah bige
absalom app ab abbie
ada addie
addison addy addie
adele addie della
adelbert bert del ad
adolphus dolph ad adolph
adrienne adie drina
agatha aggy
agnes inez
aileen allie lena
aldrich rich richie
alfreda freda freddie alfy
alicia allie elsie lisa alice
allison allie sonny
alonzo lon lonzo al
alyssa lissa ally
amelia emily mel millie
anastasia ana stacy
andrea andie drea
angelica angie jell
angelina angie lina
anselm ansel selma
antonio tony
arabella bella arry belle
araminta minty minta
ariadne arie ari
arlene arly lena
augusta gussie gus aggy augie
augustina tina aggy gussie
aurelia aura orilla ree
barbara bab barby
bartholomew bat bart tolly
beatrice bea trix trixie
belinda belle linda
bernard berney barny
bertha bert birdie bertie
bridget bridgie biddie
brittany britt brit
caitlin cait caity kate
calvin vin vinny
cameron cam ronny ron
candace candy dacey
caroline callie carrie cassie lynn
carolyn carrie cassie lynn
cassandra cassie sandy sandra
cedric ced rick ricky
celinda linda lynn lindy
charlotte char sherry lottie
christiana christy chris kit ann tina
christina chrissy xina kris
christine chrissy kris tina crissy
claire clara clarissa
clementine clem
cornelia corny nelle cornie nelia nelly
cornelius corny neil neely
courtney court curt
crystal chris tal
cynthia cintha cindy
danielle dani ellie danny
daphne daph daffy
darlene darry lena
deborah deb debby debbie
delbert bert dell del
delilah lil dell della
delores lola lolly dee dell
diana di dicey didi
diane di dicey didi
dominick dom nick nicky
donovan don donny
dorothea doda dora dot dottie dolly
eleanor elaine ellen ellie lanna lenora nelly nora
elias eli lee lias
elijah eli lige
elisha lish eli
elizabeth bessie betsy betty eliza lib libby liz lizzie lizzy lisa beth bess elsie
emanuel manny manuel
emeline em emily emma milly
eric rick ricky
ernestine erna tina teeny
evangeline ev evan vangie
evelyn evie lynn
ferdinand ferdie fred freddie
florence flo flora flossy
frances cissy fan fanny fran francie frankie sis
frederica freddie frieda ricka
frederick fred freddie freddy fritz rick
genevieve jean eve jenny
harold hal harry
helen ella ellen ellie lena nell nellie
helena ella ellen ellie lena nell nellie
henrietta hank hattie etta nettie retta
hester hessy hetty
isabella bella belle ib ibby issy nib nibby tibbie
isabelle bella belle ib ibby issy nib nibby tibbie
isaiah zadie zay
jacqueline jackie jack
jane janie jean jennie jessie jinsy
jeanette jessie jean nettie
jennifer jennie jenny jen
joanna hannah jody jo joan jodi
johannah hannah jody joan nonie
john jack jock johnny jon
johnathan john johnny jon jonny nathan jack
jonathan john johnny jon jonny nathan jack
johnathon john johnny jon jonny nathan jack
jonathon john johnny jon jonny nathan jack
josephine fina jody jo josey joey
judith jody judie judy
katherine kathy katy kate kit kitty trina cassie kay
kathleen kathy katy kate kit kitty lena
kathryn kathy katy kate kit kitty
kimberley kim kimmie
kristine chris kristy tina
laurence larry lon lonny lorne lorry
lawrence larry lon lonny lorne lorry law
leonora nora nonie lee leo
letitia tish titia lettice letty
lillian lil lilly lily lolly
lindsay lindy
loretta etta lorrie retta
louvinia vina viney wyncha
lucille cille lu lucy lou
luella ella lu lula
madeline lena maddy madie maggie maud middy
magdalena lena maggie magda
malcolm mac mal malc
margaretta greta maggie margie meg midge peg
margarita maggie meg metta midge greta rita peg
marietta etta mamie
marsha marcie mary
matthew matt matty thias thys
matthias matt thias thys
melinda linda lindy mel mindy
michelle mickey shelley shelly
miranda mandy mira randy
miriam mimi mitzi
myrtle mert myrt
nicholas nick claes claas nicky
nicolas nick nicky
nikolas nick nicky
nicole nicky nikki cole
obadiah dyer obed obie
olive ollie nollie livia
oswald ozzy waldo ossy
patricia pat patsy patty tricia trish
patrick paddy pate peter pat rick
philipina phoebe penie
rebecca beck becca becky reba
richard dick dickie dickon rich rick ricky
robert bob bobby dob dobbin hob rob robbie robin rupert bert
roberta bert bertie bobbie robbie
roderick rod roddy rory
roger hodge rod roge rodger
rodger roger rod roge
roland orlando rollo rolly
rosabella belle roz rosa rose
rosalinda linda roz rosa rose
rosalyn linda roz rosa rose
rosemary rosa rose
rudolph dolph olph rolf rudy
scott scotty sceeter squat scottie
sheryl sherry
silvester sly vester syl
solomon sal salmon saul sol solly zolly
sophronia frona sophia
stephanie steph stephie annie stevie
susannah hannah susie sue sukey
susan sue susie suzie sukey
suzanne sue susie suzie
sylvester sly vester syl
teresa terry tess tessa tessie tracy
theresa terry tess tessa tessie tracy thirza
theodosia theo dosia theodosia
valentina val vallie tina
vanessa essa vanna nessa
veronica franky ronie ronna ronnie vonnie
victoria torie vic vicki tory vicky
vincent vic vin vince vinnie vinny
vincenzo vic vin vince vinnie vinny enzo
virginia ginger ginny jennie virgy
wilhelmina mina wilma willie minnie
william bill billy will willie willy wim
winnifred freddie winnie winny
winifred freddie winnie winny
zachariah zach zachy zack zeke
zachary zach zachy zack zeke
zachery zach zachy zack zeke
miguel mike micky
robert rob bob bert
marilyn mary lynn
"""
