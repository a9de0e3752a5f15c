namespace TorchJit.Kernels;

/// <summary>How a micro-kernel call starts and ends its accumulators (Note [Sgemm order]).</summary>
internal readonly ref struct GemmTileEnds
{
    /// <summary>Start each chain from C (a later k block, or beta != 0) instead of +0.</summary>
    public readonly bool LoadC;

    /// <summary>Add <see cref="Bias"/> (one float per tile column) before storing.</summary>
    public readonly bool HasBias;

    /// <summary>Apply relu last.</summary>
    public readonly bool Relu;

    /// <summary>Bias of the tile's first column; only read when <see cref="HasBias"/>.</summary>
    public readonly ref float Bias;

    public GemmTileEnds(bool loadC, bool hasBias, bool relu, ref float bias)
    {
        LoadC = loadC;
        HasBias = hasBias;
        Relu = relu;
        Bias = ref bias;
    }
}
