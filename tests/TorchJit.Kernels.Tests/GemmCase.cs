namespace TorchJit.Kernels.Tests;

/// <summary>
/// One random Sgemm problem with strided storage: op(A)[m, k], op(B)[k, n] and C[m, n] in buffers whose row
/// strides may exceed the row length, C's gaps and tail filled with a sentinel so stray writes show.
/// </summary>
internal sealed class GemmCase
{
    public const float Gap = TestData.Sentinel;

    public GemmCase(Random rng, int m, int n, int k, bool transA, bool transB, bool specials, float cFill = float.NaN)
    {
        M = m;
        N = n;
        K = k;
        TransA = transA;
        TransB = transB;
        Lda = Math.Max(1, (transA ? m : k) + rng.Next(0, 3));
        Ldb = Math.Max(1, (transB ? k : n) + rng.Next(0, 3));
        Ldc = Math.Max(1, n + rng.Next(0, 3));
        A = Fill(rng, transA ? k : m, Lda, specials);
        B = Fill(rng, transB ? n : k, Ldb, specials);
        C = new float[(m * Ldc) + 7];
        Array.Fill(C, Gap);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                C[(i * Ldc) + j] = float.IsNaN(cFill) ? TestData.Uniform(rng, 1)[0] : cFill;
            }
        }

        C0 = (float[])C.Clone();
    }

    public int M { get; }

    public int N { get; }

    public int K { get; }

    public bool TransA { get; }

    public bool TransB { get; }

    public int Lda { get; }

    public int Ldb { get; }

    public int Ldc { get; }

    public float[] A { get; }

    public float[] B { get; }

    /// <summary>The output buffer, handed to the kernel whole (longer than (m-1) * ldc + n, which is allowed).</summary>
    public float[] C { get; }

    /// <summary>C before the call.</summary>
    public float[] C0 { get; }

    public string Name => $"{M}x{N}x{K} transA={TransA} transB={TransB} lda={Lda} ldb={Ldb} ldc={Ldc}";

    // Row i of op(A) as (span, step) so kk walks it; likewise column j of op(B).
    public ReadOnlySpan<float> RowOfA(int i, out int step)
    {
        step = TransA ? Lda : 1;
        int start = TransA ? i : i * Lda;
        return A.AsSpan(Math.Min(start, A.Length));
    }

    public ReadOnlySpan<float> ColumnOfB(int j, out int step)
    {
        step = TransB ? 1 : Ldb;
        int start = TransB ? j * Ldb : j;
        return B.AsSpan(Math.Min(start, B.Length));
    }

    /// <summary>Fails unless every gap and tail element of C still holds the sentinel.</summary>
    public void AssertOnlyOutputWritten(string context)
    {
        for (int p = 0; p < C.Length; p++)
        {
            bool inside = p < M * Ldc && p % Ldc < N;
            if (!inside && !TestData.SameBits(C[p], Gap))
            {
                Assert.Fail($"{context} {Name}: wrote outside C at {p}");
            }
        }
    }

    private static float[] Fill(Random rng, int rows, int ld, bool specials)
    {
        var a = new float[Math.Max(0, rows * ld)];
        for (int p = 0; p < a.Length; p++)
        {
            a[p] = specials && rng.Next(16) == 0 ? Special(rng) : (float)((rng.NextDouble() * 2) - 1);
        }

        return a;
    }

    private static float Special(Random rng) => rng.Next(4) switch
    {
        0 => float.NaN,
        1 => float.PositiveInfinity,
        2 => float.NegativeInfinity,
        _ => 0f,
    };
}
