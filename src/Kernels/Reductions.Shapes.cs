using System.Runtime.InteropServices;

namespace TorchJit.Kernels;

/// <summary>Argument checks shared by the axis reductions, softmax and the normalizations.</summary>
internal static class ReductionShapes
{
    /// <summary>Throws unless every size is non-negative; <paramref name="names"/> lists them as "outer, axis, inner".</summary>
    public static void RequireSizes(string kernel, string names, int a, int b, int c)
    {
        if (a < 0 || b < 0 || c < 0)
        {
            throw new ArgumentOutOfRangeException(null, $"{kernel}: sizes must be non-negative, got ({names}) = ({a}, {b}, {c})");
        }
    }

    /// <summary>Throws unless <paramref name="length"/> == a * b * c; <paramref name="formula"/> names the factors ("outer * axis * inner").</summary>
    public static void RequireLength(string kernel, string name, int length, string formula, int a, int b, int c)
    {
        long expected = (long)a * b * c;
        if (length != expected)
        {
            throw new ArgumentException($"{kernel}: {name} has {length} elements but {formula} = {a} * {b} * {c} = {expected}", name);
        }
    }

    /// <summary>Throws unless <paramref name="length"/> == a * b.</summary>
    public static void RequireLength(string kernel, string name, int length, string formula, int a, int b)
    {
        long expected = (long)a * b;
        if (length != expected)
        {
            throw new ArgumentException($"{kernel}: {name} has {length} elements but {formula} = {a} * {b} = {expected}", name);
        }
    }

    /// <summary>Throws unless an optional per-channel/per-column parameter is empty or has <paramref name="count"/> elements.</summary>
    public static void RequireEmptyOr(string kernel, string name, int length, string countName, int count)
    {
        if (length != 0 && length != count)
        {
            throw new ArgumentException($"{kernel}: {name} has {length} elements but must be empty or have {countName} = {count}", name);
        }
    }

    /// <summary>
    /// The kernels read an input again after writing outputs (tails, later passes), so an output that shares
    /// memory with an input would corrupt the result; reject it rather than return wrong numbers.
    /// </summary>
    public static void RequireNoOverlap<T>(string kernel, string inputName, ReadOnlySpan<float> input, string outputName, Span<T> output)
        where T : unmanaged
    {
        if (MemoryMarshal.AsBytes(input).Overlaps(MemoryMarshal.AsBytes((ReadOnlySpan<T>)output)))
        {
            throw new ArgumentException($"{kernel}: {outputName} must not overlap {inputName}", outputName);
        }
    }
}
