using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// When two constant or attribute values are interchangeable. Floats compare by bits, so -0.0 and 0.0 stay
/// apart and NaN matches NaN; tensors match when they are the same object, or small enough to compare and
/// equal in dtype, shape and bits (large weights are compared by reference only: comparing megabytes of
/// weights to pool two constants costs more than it saves).
/// </summary>
internal static class ConstantEquality
{
    private const int MaxComparedElements = 4096;

    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        (long x, long y) => x == y,
        (bool x, bool y) => x == y,
        (string x, string y) => x == y,
        (long[] x, long[] y) => x.AsSpan().SequenceEqual(y),
        (Tensor x, Tensor y) => ReferenceEquals(x, y) || x.NumElements <= MaxComparedElements && x.BitEquals(y),
        _ => a is not null && a.Equals(b),
    };

    public static int Hash(object? value) => value switch
    {
        null => 0,
        double d => BitConverter.DoubleToInt64Bits(d).GetHashCode(),
        long[] list => list.Length,
        Tensor t => HashCode.Combine(t.DType, t.Dim, t.NumElements),
        _ => value.GetHashCode(),
    };
}
