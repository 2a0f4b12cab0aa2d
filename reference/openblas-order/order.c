/* In which order does cblas_sgemm sum the K products of one element of C?
 *
 * For each shape (row-major C[M x N] = A[M x K] B[K x N], one thread), every element of C is
 * compared bit for bit with two float32 sums of its products, each term fused (fmaf):
 *   sequential   acc = fma(a_k, b_k, acc) for k = 0 .. K-1
 *   interleaved  even k into one accumulator, odd k into another, then even + odd
 * A kernel of our own can give OpenBLAS's bits only if it sums every element in OpenBLAS's order.
 *
 * Build and run (docs/engine.md):
 *   gcc -O2 -o /tmp/order reference/openblas-order/order.c -lopenblas -lm
 *   OPENBLAS_CORETYPE=Haswell /tmp/order
 */
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static float uniform(void) { return (float)rand() / RAND_MAX * 2 - 1; }

static void classify(int M, int N, int K) {
    float *a = malloc(sizeof(float) * M * K), *b = malloc(sizeof(float) * K * N), *c = malloc(sizeof(float) * M * N);
    for (int i = 0; i < M * K; i++) a[i] = uniform();
    for (int i = 0; i < K * N; i++) b[i] = uniform();
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, N, K, 1.0f, a, K, b, N, 0.0f, c, N);
    int sequential = 0, interleaved = 0, either = 0;
    for (int i = 0; i < M; i++) {
        for (int j = 0; j < N; j++) {
            float seq = 0, even = 0, odd = 0;
            for (int k = 0; k < K; k++) {
                float p = a[i * K + k], q = b[k * N + j];
                seq = fmaf(p, q, seq);
                if (k % 2) odd = fmaf(p, q, odd); else even = fmaf(p, q, even);
            }
            float halves = even + odd;
            int s = !memcmp(&seq, &c[i * N + j], 4), h = !memcmp(&halves, &c[i * N + j], 4);
            sequential += s && !h; interleaved += h && !s; either += s && h;
        }
    }
    int n = M * N;
    printf("%5d x %4d x %4d   %6.1f %%      %6.1f %%        %6.1f %%   %6.1f %%\n", M, N, K, 100.0 * sequential / n,
           100.0 * interleaved / n, 100.0 * either / n, 100.0 * (n - sequential - interleaved - either) / n);
    free(a); free(b); free(c);
}

int main(void) {
    openblas_set_num_threads(1);
    printf("%s, kernel %s\n", openblas_get_config(), openblas_get_corename());
    printf("    M x    N x    K   sequential   interleaved   both agree   neither\n");
    /* Row blocks of the engine's products: width-64 layers, a head of 16, a 5-way read-out, c_fc. */
    int shapes[][3] = {{256, 64, 64}, {256, 192, 64}, {256, 64, 256}, {256, 64, 16}, {250, 250, 16}, {256, 5, 64},
                       {256, 384, 128}, {37, 19, 13}, {64, 64, 400}};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) classify(shapes[s][0], shapes[s][1], shapes[s][2]);
    return 0;
}
