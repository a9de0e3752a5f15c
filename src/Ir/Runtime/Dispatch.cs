using System.Runtime.CompilerServices;

namespace TorchJit.Ir;

/// <summary>
/// Watches eager op calls on one thread: the tracer implements it to record ops into a graph and to warn
/// when a tensor's data is turned into a C# value.
/// </summary>
public interface IOpObserver
{
    /// <summary>An op ran: its arguments (one per schema argument) and its result.</summary>
    void OnOp(OpDef op, ReadOnlySpan<IValue> args, IValue result);

    /// <summary>A tensor was converted to a C# value (<c>bool</c>, <c>item()</c>): data-dependent, so a trace bakes it in.</summary>
    void OnDataConversion(OpDef op, Tensor tensor, IValue result);

    /// <summary>A tensor's elements were read into C# (<c>ToArray()</c>, <c>data&lt;T&gt;()</c>, <c>item&lt;T&gt;()</c>) through <paramref name="api"/>.</summary>
    void OnDataRead(Tensor tensor, string api);
}

/// <summary>
/// The eager dispatcher's recording side. Eager methods call the op's implementation directly and then
/// <c>Record</c>; with no observer on the thread that is one thread-static read.
/// </summary>
public static class Dispatch
{
    [ThreadStatic]
    private static IOpObserver? observer;

    /// <summary>The observer of the current thread, if any.</summary>
    public static IOpObserver? Observer => observer;

    /// <summary>Installs <paramref name="o"/> on this thread until the returned scope is disposed.</summary>
    public static ObserverScope Observe(IOpObserver o)
    {
        var scope = new ObserverScope(observer);
        observer = o;
        return scope;
    }

    /// <summary>Records a one-argument op.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tensor Record(OpDef op, Tensor result, IValue a0)
    {
        if (observer is { } o) o.OnOp(op, [a0], result);
        return result;
    }

    /// <summary>Records a two-argument op.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tensor Record(OpDef op, Tensor result, IValue a0, IValue a1)
    {
        if (observer is { } o) o.OnOp(op, [a0, a1], result);
        return result;
    }

    /// <summary>Records a three-argument op.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tensor Record(OpDef op, Tensor result, IValue a0, IValue a1, IValue a2)
    {
        if (observer is { } o) o.OnOp(op, [a0, a1, a2], result);
        return result;
    }

    /// <summary>Records a four-argument op.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tensor Record(OpDef op, Tensor result, IValue a0, IValue a1, IValue a2, IValue a3)
    {
        if (observer is { } o) o.OnOp(op, [a0, a1, a2, a3], result);
        return result;
    }

    /// <summary>Records a five-argument op.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tensor Record(OpDef op, Tensor result, IValue a0, IValue a1, IValue a2, IValue a3, IValue a4)
    {
        if (observer is { } o) o.OnOp(op, [a0, a1, a2, a3, a4], result);
        return result;
    }

    /// <summary>Records an op with any number of arguments (the span lives on the caller's stack).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tensor Record(OpDef op, Tensor result, params ReadOnlySpan<IValue> args)
    {
        if (observer is { } o) o.OnOp(op, args, result);
        return result;
    }

    /// <summary>Records an op with two tensor results (values and indices).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Tensor, Tensor) Record(OpDef op, (Tensor, Tensor) result, IValue a0, IValue a1, IValue a2)
    {
        if (observer is { } o) o.OnOp(op, [a0, a1, a2], IValue.From(result));
        return result;
    }

    /// <summary>Reports a tensor-to-value conversion (the tracer warns about it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Convert<T>(OpDef op, Tensor tensor, T result, IValue boxed)
    {
        if (observer is { } o) o.OnDataConversion(op, tensor, boxed);
        return result;
    }

    /// <summary>Reports that <paramref name="tensor"/>'s data is read into C# through <paramref name="api"/> (the tracer warns about it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ReportRead(Tensor tensor, string api)
    {
        if (observer is { } o) o.OnDataRead(tensor, api);
    }

    /// <summary>Restores the previous observer when disposed.</summary>
    public readonly struct ObserverScope : IDisposable
    {
        private readonly IOpObserver? previous;

        internal ObserverScope(IOpObserver? previous) => this.previous = previous;

        /// <inheritdoc/>
        public void Dispose() => observer = previous;
    }
}
