namespace TorchJit.Kernels;

/// <summary>SGEMM tile shape at 512 bits (Note [Sgemm tile]).</summary>
internal readonly partial struct Simd512
{
    public static int GemmPanelVectors => 4;
}
