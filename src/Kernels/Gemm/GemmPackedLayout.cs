namespace TorchJit.Kernels;

/// <summary>
/// Where op(B)[kk, j] lives in a packed B: k is cut into <see cref="KBlocks"/> nearly equal blocks (Note [Sgemm
/// blocking]); block q holds its rows for all of n, panel by panel; a panel is <see cref="Nr"/> columns
/// (zero-padded past n), stored row by row. So one micro-kernel step reads <see cref="Nr"/> consecutive floats,
/// and the next panel of the same block starts <c>BlockDepth(q) * Nr</c> floats later.
/// </summary>
internal readonly struct GemmPackedLayout
{
    private readonly int depthBase;
    private readonly int depthRemainder;

    public GemmPackedLayout(int k, int n, int nr, int kc)
    {
        K = k;
        N = n;
        Nr = nr;
        Panels = (n + nr - 1) / nr;
        KBlocks = k == 0 ? 0 : (k + kc - 1) / kc;
        depthBase = KBlocks == 0 ? 0 : k / KBlocks;
        depthRemainder = KBlocks == 0 ? 0 : k % KBlocks;
        if ((long)k * Panels * nr > Array.MaxLength - GemmScratch.AlignmentFloats)
        {
            throw new ArgumentException($"a packed {k} x {n} matrix does not fit in one array");
        }
    }

    public int K { get; }

    public int N { get; }

    /// <summary>Panel width in floats.</summary>
    public int Nr { get; }

    public int Panels { get; }

    public int KBlocks { get; }

    /// <summary>Floats in the packed matrix: k rows of n rounded up to whole panels.</summary>
    public int Length => K * Panels * Nr;

    public int BlockStart(int q) => (q * depthBase) + Math.Min(q, depthRemainder);

    public int BlockDepth(int q) => depthBase + (q < depthRemainder ? 1 : 0);

    public nint PanelOffset(int q, int p) => ((nint)BlockStart(q) * Panels * Nr) + ((nint)p * BlockDepth(q) * Nr);
}
