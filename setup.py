"""Build hook for the one compiled part: the matching engine's pre-score kernel.

Everything else is in pyproject.toml. The kernel is optional: without a working C compiler
the build warns and goes on, and ``clearance.matching.prescore`` serves the same results
from numpy (``clearance.matching.prescore.NATIVE`` says which one runs).
"""

from Cython.Build import cythonize
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

KERNEL = Extension(
    "clearance.matching._native",
    ["src/clearance/matching/_native.pyx"],
    # Bit-for-bit the numpy arithmetic: no fused multiply-adds, no reassociation.
    extra_compile_args=["-O2", "-ffp-contract=off"],
)


class OptionalKernel(build_ext):
    """Builds the kernel when a compiler is there; when not, only speed is lost."""

    def build_extensions(self) -> None:
        built = []
        for ext in self.extensions:
            try:
                self.build_extension(ext)
            except Exception as exc:  # no compiler, a failing one, missing headers...
                print(f"warning: {ext.name} not compiled ({exc}); numpy serves instead")
            else:
                built.append(ext)
        self.extensions = built  # nothing to copy or install for what was not built


setup(
    ext_modules=cythonize([KERNEL], language_level=3, quiet=True),
    cmdclass={"build_ext": OptionalKernel},
)
