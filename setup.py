"""Build hook for the compiled parts: the matching engine's kernels (see
``clearance.matching.compiled``): the pre-score, and token similarity with the left-over check.

Everything else is in pyproject.toml. The kernels are optional: without a working C compiler
the build warns and goes on, and their Python twins serve the same results
(``clearance.matching.prescore.NATIVE`` and ``clearance.matching.align.NATIVE`` say which runs).
"""

from Cython.Build import cythonize
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# Bit-for-bit the twins' arithmetic: no fused multiply-adds, no reassociation.
FLAGS = ["-O2", "-ffp-contract=off"]
KERNELS = [
    Extension(
        f"clearance.matching.{name}",
        [f"src/clearance/matching/{name}.pyx"],
        extra_compile_args=FLAGS,
    )
    for name in ("_native", "_similarity")
]


class OptionalKernel(build_ext):
    """Builds the kernels when a compiler is there; when not, only speed is lost."""

    def build_extensions(self) -> None:
        built = []
        for ext in self.extensions:
            try:
                self.build_extension(ext)
            except Exception as exc:  # no compiler, a failing one, missing headers...
                print(f"warning: {ext.name} not compiled ({exc}); its Python twin serves instead")
            else:
                built.append(ext)
        self.extensions = built  # nothing to copy or install for what was not built


setup(
    ext_modules=cythonize(KERNELS, language_level=3, quiet=True),
    cmdclass={"build_ext": OptionalKernel},
)
