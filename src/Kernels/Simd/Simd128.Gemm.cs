namespace TorchJit.Kernels;

/// <summary>SGEMM tile shape at 128 bits (Note [Sgemm tile]).</summary>
internal readonly partial struct Simd128
{
    public static int GemmPanelVectors => 2;
}
