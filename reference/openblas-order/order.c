/* In which order does cblas_sgemm sum the K products of one element of C?
 *
 * For each shape and form (row-major C[M x N] = op(A) op(B), one thread), every element of C is
 * compared bit for bit with three float32 sums of its products, each term fused (fmaf):
 *   sequential   acc = fma(a_k, b_k, acc) for k = 0 .. K-1
 *   interleaved  even k into one accumulator, odd k into another, then even + odd
 *   halves       k < K/2 and k >= K/2 each summed sequentially, then added
 * A kernel of our own gives OpenBLAS's bits only if it sums every element in OpenBLAS's order.
 * For the first shape it also prints where the interleaved elements lie.
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

static int same(float x, float y) { return !memcmp(&x, &y, sizeof x); }

/* Prints the indices i < n with flag[i] set as ranges: "0-5 12-17 ...". */
static void ranges(const char *label, const int *flag, int n) {
    printf("  %s:", label);
    for (int i = 0; i < n; i++) {
        if (!flag[i] || (i > 0 && flag[i - 1])) continue;
        int j = i;
        while (j + 1 < n && flag[j + 1]) j++;
        printf(j > i ? " %d-%d" : " %d", i, j);
    }
    printf("\n");
}

static void classify(char form[3], int M, int N, int K, int showPositions) {
    int ta = form[0] == 'T', tb = form[1] == 'T';
    float *a = malloc(sizeof(float) * M * K), *b = malloc(sizeof(float) * K * N), *c = malloc(sizeof(float) * M * N);
    /* Columns are kept apart for rows in whole 12-row groups and for the rows after the last. */
    int *rows = calloc(M, sizeof(int)), *cols = calloc(N, sizeof(int)), *tailCols = calloc(N, sizeof(int));
    for (int i = 0; i < M * K; i++) a[i] = uniform();
    for (int i = 0; i < K * N; i++) b[i] = uniform();
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, M, N, K, 1.0f,
                a, ta ? M : K, b, tb ? K : N, 0.0f, c, N);
    int sequential = 0, interleaved = 0, both = 0, halves = 0, neither = 0;
    for (int i = 0; i < M; i++) {
        for (int j = 0; j < N; j++) {
            float seq = 0, even = 0, odd = 0, low = 0, high = 0;
            for (int k = 0; k < K; k++) {
                float p = ta ? a[k * M + i] : a[i * K + k], q = tb ? b[j * K + k] : b[k * N + j];
                seq = fmaf(p, q, seq);
                if (k % 2) odd = fmaf(p, q, odd); else even = fmaf(p, q, even);
                if (k < K / 2) low = fmaf(p, q, low); else high = fmaf(p, q, high);
            }
            float got = c[i * N + j];
            int s = same(seq, got), h = same(even + odd, got);
            if (s && h) both++;
            else if (s) sequential++;
            else if (h) { interleaved++; rows[i] = 1; if (i < M - M % 12) cols[j] = 1; else tailCols[j] = 1; }
            else if (same(low + high, got)) halves++;
            else neither++;
        }
    }
    double n = M * N / 100.0;
    printf("%s %5d x %4d x %4d   %6.1f %%   %6.1f %%   %6.1f %%   %6.1f %%   %6.1f %%\n", form, M, N, K,
           sequential / n, interleaved / n, both / n, halves / n, neither / n);
    if (showPositions) {
        ranges("rows holding interleaved elements", rows, M);
        ranges("their columns in whole 12-row groups", cols, N);
        ranges("their columns in the last rows", tailCols, N);
    }
    free(a); free(b); free(c); free(rows); free(cols); free(tailCols);
}

int main(void) {
    openblas_set_num_threads(1);
    printf("%s, kernel %s\n", openblas_get_config(), openblas_get_corename());
    printf("form   M x    N x    K   sequential  interleaved  both agree  two halves   neither\n");
    /* Row blocks of the engine's products (width-64 layers, a head of 16, a 5-way read-out,
       c_fc), in the three forms it calls, and odd or ragged shapes. */
    struct { char form[3]; int m, n, k; } shapes[] = {
        {"NN", 256, 64, 64}, {"NT", 256, 64, 64}, {"TN", 256, 64, 64}, {"NN", 256, 192, 64}, {"NN", 256, 64, 256},
        {"NN", 256, 64, 16}, {"NT", 250, 250, 16}, {"NN", 256, 5, 64}, {"NN", 256, 384, 128}, {"NN", 256, 64, 13},
        {"NN", 37, 19, 16}, {"NN", 37, 19, 13}, {"NN", 64, 64, 400}};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        classify(shapes[s].form, shapes[s].m, shapes[s].n, shapes[s].k, s == 0);
    return 0;
}
