namespace TorchJit.Kernels;

/// <summary>SGEMM tile shape at 256 bits (Note [Sgemm tile]).</summary>
internal readonly partial struct Simd256
{
    public static int GemmPanelVectors => 2;
}
