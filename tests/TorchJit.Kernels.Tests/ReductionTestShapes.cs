namespace TorchJit.Kernels.Tests;

/// <summary>Shapes every axis kernel is tested on.</summary>
internal static class ReductionTestShapes
{
    public static readonly int[] Sizes = [0, 1, 2, 3, 5, 8, 17, 64, 257];

    /// <summary>
    /// Every (outer, axis, inner) from <see cref="Sizes"/> with at most 16448 elements (so 1x257x64 and 64x257x1
    /// are in, 257x257 is not), which keeps the emulated-V512 runs quick.
    /// </summary>
    public static IEnumerable<Shape> All()
    {
        foreach (int o in Sizes)
        {
            foreach (int a in Sizes)
            {
                foreach (int i in Sizes)
                {
                    if ((long)o * a * i <= 16448)
                    {
                        yield return new Shape(o, a, i);
                    }
                }
            }
        }
    }
}
