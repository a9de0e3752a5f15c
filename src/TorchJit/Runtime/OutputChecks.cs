using TorchJit.Kernels;

namespace TorchJit.Runtime;

/// <summary>
/// The checks of a caller-provided output, one message each: before the call where the plan knows the output's
/// dtype and shape, against the result where it learns them only then. Nothing is written to a wrong output.
/// </summary>
internal static class OutputChecks
{
    public static void RequireDType(DType expected, DType actual, string name)
    {
        if (expected != actual)
            throw new ArgumentException($"forward: {name} must be {DTypes.TorchName(expected)}, got {DTypes.TorchName(actual)}", name);
    }

    public static void RequireShape(ReadOnlySpan<int> expected, ReadOnlySpan<int> actual, string name)
    {
        if (!actual.SequenceEqual(expected))
            throw new ArgumentException($"forward: {name} must have shape [{string.Join(", ", expected.ToArray())}], got [{string.Join(", ", actual.ToArray())}]", name);
    }

    public static void RequireLength(ReadOnlySpan<int> expected, int actual, string name)
    {
        long n = Broadcasting.NumElements(expected);
        if (actual != n)
            throw new ArgumentException($"forward: {name} span has {actual} elements; the output [{string.Join(", ", expected.ToArray())}] has {n}", name);
    }
}
