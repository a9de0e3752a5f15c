namespace TorchJit.Kernels;

/// <summary>Process-wide threading knobs for kernels that can split one call across threads.</summary>
public static class Parallelism
{
    private static int intraOpThreads = 1;

    /// <summary>
    /// Intra-op threads for kernels that can split work (GEMM splits the M or N dimension of its output,
    /// never the reduction, so results are bit-identical to one thread). Default 1: inference servers
    /// already run one request per core, and a second level of threading would only oversubscribe them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int IntraOpThreads
    {
        get => Volatile.Read(ref intraOpThreads);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref intraOpThreads, value);
        }
    }
}
