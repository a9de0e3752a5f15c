using System.Linq.Expressions;
using System.Reflection;

namespace TorchJit.Tests.Ops.OutVariants;

/// <summary>
/// Counts the bytes a call allocates on this thread. The call is compiled once into a delegate whose arguments
/// are constants of the parameters' own types, so calling it is a direct call: no reflection, no argument array,
/// no boxing (a reflection Invoke would allocate on every call and hide the op's own zero).
/// </summary>
public static class AllocationMeter
{
    /// <summary>A direct call of <paramref name="method"/> (static) with <paramref name="args"/> bound as constants.</summary>
    public static Action Bind(MethodInfo method, object?[] args)
    {
        var parameters = method.GetParameters();
        var constants = new Expression[parameters.Length];
        for (int i = 0; i < parameters.Length; i++) constants[i] = Expression.Constant(args[i], parameters[i].ParameterType);
        return Expression.Lambda<Action>(Expression.Call(method, constants)).Compile();
    }

    /// <summary>The bytes this thread allocates over <paramref name="calls"/> calls of <paramref name="call"/>, after <paramref name="warmUp"/> calls.</summary>
    public static long Measure(Action call, int warmUp = 2, int calls = 50)
    {
        for (int i = 0; i < warmUp; i++) call();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++) call();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

/// <summary>Targets for checking the meter itself: one call that allocates nothing, one that allocates.</summary>
public static class MeterTargets
{
    private static float sink;

    /// <summary>Reads a tensor's first element (no allocation).</summary>
    public static void Reads(Tensor t, Scalar s, long? n) => sink += t.Float32Span[0] + s.ToSingle() + (n ?? 0);

    /// <summary>Allocates an array per call.</summary>
    public static void Allocates(Tensor t, Scalar s, long? n) => sink += new float[4 + (int)(n ?? 0)].Length + t.Float32Span[0] + s.ToSingle();
}
