using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// The Vector*.GreaterThan/LessThan/Equals helpers are ordered IEEE comparisons (false when either lane is
// NaN), matching C#'s scalar operators. Not-equal is the complement of Equals, so NaN != anything is true.

/// <summary><c>aten::gt</c>: x &gt; y.</summary>
public readonly struct GreaterThanOperator : ICompareOperator
{
    /// <inheritdoc/>
    public static bool Invoke(float x, float y) => x > y;

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.GreaterThan(x, y);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.GreaterThan(x, y);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.GreaterThan(x, y);
}

/// <summary><c>aten::ge</c>: x &gt;= y.</summary>
public readonly struct GreaterThanOrEqualOperator : ICompareOperator
{
    /// <inheritdoc/>
    public static bool Invoke(float x, float y) => x >= y;

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.GreaterThanOrEqual(x, y);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.GreaterThanOrEqual(x, y);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.GreaterThanOrEqual(x, y);
}

/// <summary><c>aten::lt</c>: x &lt; y.</summary>
public readonly struct LessThanOperator : ICompareOperator
{
    /// <inheritdoc/>
    public static bool Invoke(float x, float y) => x < y;

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.LessThan(x, y);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.LessThan(x, y);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.LessThan(x, y);
}

/// <summary><c>aten::le</c>: x &lt;= y.</summary>
public readonly struct LessThanOrEqualOperator : ICompareOperator
{
    /// <inheritdoc/>
    public static bool Invoke(float x, float y) => x <= y;

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.LessThanOrEqual(x, y);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.LessThanOrEqual(x, y);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.LessThanOrEqual(x, y);
}

/// <summary><c>aten::eq</c>: x == y (so -0 == +0, NaN == NaN is false).</summary>
public readonly struct EqualOperator : ICompareOperator
{
    /// <inheritdoc/>
    public static bool Invoke(float x, float y) => x == y;

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.Equals(x, y);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Equals(x, y);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Equals(x, y);
}

/// <summary><c>aten::ne</c>: x != y (true whenever either side is NaN).</summary>
public readonly struct NotEqualOperator : ICompareOperator
{
    /// <inheritdoc/>
    public static bool Invoke(float x, float y) => x != y;

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => ~Vector128.Equals(x, y);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => ~Vector256.Equals(x, y);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => ~Vector512.Equals(x, y);
}
