/*
 * Linked into the secret-rotation bootstrap by scripts/package-rotation (ADR 0020).
 *
 * glibc 2.35 gave hypot and hypotf new symbol versions. Code built against a newer glibc (swift-numerics'
 * RealModule, Foundation's CGFloat, the Glibc overlay) asks for hypot@GLIBC_2.35, and the loader
 * of provided.al2023 (glibc 2.34) refuses to start a program that names a version it lacks. These
 * definitions take precedence over libm's, and call the functions of the architecture's base
 * version, which every glibc has.
 */
#if defined(__x86_64__)
#define PLINTH_GLIBC_BASE "GLIBC_2.2.5"
#elif defined(__aarch64__)
#define PLINTH_GLIBC_BASE "GLIBC_2.17"
#else
#error "no glibc base version known for this architecture"
#endif

double plinth_hypot_base(double x, double y);
float plinth_hypotf_base(float x, float y);
__asm__(".symver plinth_hypot_base, hypot@" PLINTH_GLIBC_BASE);
__asm__(".symver plinth_hypotf_base, hypotf@" PLINTH_GLIBC_BASE);

/* Hidden: exported, they would answer the loader's own lookup of hypot@base and call themselves. */
__attribute__((visibility("hidden"))) double hypot(double x, double y) { return plinth_hypot_base(x, y); }
__attribute__((visibility("hidden"))) float hypotf(float x, float y) { return plinth_hypotf_base(x, y); }
