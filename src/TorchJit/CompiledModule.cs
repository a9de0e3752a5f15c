using System.Numerics.Tensors;
using TorchJit.Kernels;
using TorchJit.Runtime;

namespace TorchJit;

/// <summary>
/// A module compiled to IL, specialized per input signature (dtype and sizes) like PyTorch's profiling executor:
/// the first call with a new signature builds a plan (shape inference, an arena plan, IL) and publishes it
/// lock-free; later calls with that signature pass a cheap guard and run the plan. Thread-safe: plans are
/// immutable, per-call memory comes from a lock-free arena pool, and concurrent first calls build each plan once.
/// </summary>
/// <remarks>
/// <see cref="forward(Tensor, Tensor)"/> and the span overloads write into the caller's memory and allocate
/// nothing in steady state (when every op of the plan has an out variant: <see cref="Describe"/> lists the
/// ones that still allocate). Input that cannot fit the model fails with an <see cref="ArgumentException"/>
/// naming the input and the expected and actual shapes; the module stays usable.
/// </remarks>
public sealed class CompiledModule : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>Signatures kept: a model called with ever-new shapes plans each call afresh past this many.</summary>
    public const int MaxCachedSignatures = 64;

    private readonly string inputName;
    private readonly VectorWidth width;
    private PlanEntry[] plans = [];
    private int plansBuilt;

    internal CompiledModule(Ir.Graph graph, string className, VectorWidth width)
        : base(className)
    {
        OptimizedGraph = graph;
        this.width = width;
        inputName = graph.Inputs[1].Name;
    }

    /// <summary>The graph that was compiled (after the passes, before specialization to a signature).</summary>
    public Ir.Graph OptimizedGraph { get; }

    /// <summary>Plans built so far, one per input signature seen (races included: each signature is built once).</summary>
    public int PlansBuilt => Volatile.Read(ref plansBuilt);

    /// <summary>Runs the model and returns a new tensor.</summary>
    public override Tensor forward(Tensor input) => PlanFor(input).Run(input);

    /// <summary>
    /// Runs the model and returns a new tensor, checking <paramref name="cancellationToken"/> before every kernel
    /// and loop iteration: a cancelled call throws <see cref="OperationCanceledException"/> between kernels, and
    /// the module stays usable.
    /// </summary>
    public Tensor forward(Tensor input, CancellationToken cancellationToken) => PlanFor(input).Run(input, cancellationToken);

    /// <summary>
    /// Runs the model into <paramref name="output"/>: contiguous, of the output's dtype and shape, not sharing
    /// memory with <paramref name="input"/>. Allocates nothing in steady state.
    /// </summary>
    /// <exception cref="ArgumentException">The input does not fit the model, or the output has the wrong shape or dtype.</exception>
    public void forward(Tensor input, Tensor output) => forward(input, output, CancellationToken.None);

    /// <summary>
    /// Runs the model into <paramref name="output"/> as <see cref="forward(Tensor, Tensor)"/> does, checking
    /// <paramref name="cancellationToken"/> before every kernel and loop iteration (a cancelled call throws
    /// <see cref="OperationCanceledException"/>; the output's contents are then unspecified).
    /// </summary>
    /// <exception cref="ArgumentException">The input does not fit the model, or the output has the wrong shape or dtype.</exception>
    public void forward(Tensor input, Tensor output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var plan = PlanFor(input);
        CheckDType(plan, output.DType, nameof(output));
        CheckShape(plan, output.Shape, nameof(output));
        if (!output.IsContiguous) throw new ArgumentException($"forward: output must be contiguous, got strides [{string.Join(", ", output.Stride.ToArray())}]", nameof(output));
        if (output.SharesStorageWith(input)) throw new ArgumentException("forward: output must not share memory with the input", nameof(output));
        plan.RunInto(input, output, cancellationToken);
    }

    /// <summary>Runs the model into <paramref name="output"/> (row-major, exactly the output's element count). Allocates nothing in steady state.</summary>
    /// <exception cref="ArgumentException">The input does not fit the model, or the span's length is not the output's element count.</exception>
    public void forward(Tensor input, Span<float> output)
    {
        var plan = PlanFor(input);
        CheckDType(plan, DType.Float32, nameof(output));
        if (plan.OutputShape is { } shape) OutputChecks.RequireLength(shape, output.Length, nameof(output));
        plan.RunInto(input, output, []);
    }

    /// <summary>Runs the model into <paramref name="output"/> (a dense span of the output's shape). Allocates nothing in steady state.</summary>
    /// <exception cref="ArgumentException">The input does not fit the model, or the output's lengths differ or it is not dense.</exception>
    public void forward(Tensor input, TensorSpan<float> output)
    {
        var plan = PlanFor(input);
        if (!output.IsDense) throw new ArgumentException("forward: output must be a dense TensorSpan", nameof(output));
        Span<int> lengths = stackalloc int[output.Rank];
        for (int d = 0; d < lengths.Length; d++) lengths[d] = (int)output.Lengths[d];
        CheckDType(plan, DType.Float32, nameof(output));
        CheckShape(plan, lengths, nameof(output));
        plan.RunInto(input, System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref output.GetPinnableReference(), (int)output.FlattenedLength), lengths);
    }

    /// <summary>One paragraph per plan: signature, arena, and what was fused or written directly.</summary>
    public string Describe() =>
        string.Join(Environment.NewLine, Volatile.Read(ref plans).Where(p => p.Plan is not null).Select(p => $"{p.Signature}: {p.Plan!.LayoutSummary}"));

    private static void CheckDType(ExecutionPlan plan, DType dtype, string name)
    {
        if (plan.OutputDType is { } expected) OutputChecks.RequireDType(expected, dtype, name);
    }

    // When the plan knows the output shape before the call; otherwise the plan checks it against the result.
    private static void CheckShape(ExecutionPlan plan, ReadOnlySpan<int> shape, string name)
    {
        if (plan.OutputShape is { } expected) OutputChecks.RequireShape(expected, shape, name);
    }

    // The guard: the first plan whose signature the input matches. Allocation-free and lock-free.
    private ExecutionPlan PlanFor(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input, inputName);
        var known = Volatile.Read(ref plans);
        for (int i = 0; i < known.Length; i++)
        {
            if (known[i].Signature.Matches(input) && known[i].Plan is { } plan) return plan;
        }

        return Specialize(input);
    }

    // A new signature: one thread wins the publish of a pending entry and builds; the others wait for its plan.
    private ExecutionPlan Specialize(Tensor input)
    {
        if (input.DType != DType.Float32)
            throw new ArgumentException($"forward: input '{inputName}' must be a Float tensor, got {input.Describe()}", inputName);
        while (true)
        {
            var current = Volatile.Read(ref plans);
            foreach (var e in current)
            {
                if (e.Signature.Matches(input)) return e.Wait();
            }

            if (current.Length >= MaxCachedSignatures)
            {
                Interlocked.Increment(ref plansBuilt);
                return ExecutionPlan.Build(OptimizedGraph, input, width); // not kept: the cache is full
            }

            var entry = new PlanEntry(Signature.Of(input));
            if (Interlocked.CompareExchange(ref plans, [.. current, entry], current) != current) continue;
            try
            {
                Interlocked.Increment(ref plansBuilt);
                entry.Publish(ExecutionPlan.Build(OptimizedGraph, input, width));
                return entry.Plan!;
            }
            catch (Exception e)
            {
                entry.Fail(e);
                Remove(entry); // bad input is not cached: the module stays as it was
                throw;
            }
        }
    }

    private void Remove(PlanEntry entry)
    {
        while (true)
        {
            var current = Volatile.Read(ref plans);
            var without = Array.FindAll(current, e => e != entry);
            if (Interlocked.CompareExchange(ref plans, without, current) == current) return;
        }
    }

    // A signature's plan, published once; threads that lose the race to build it spin until it appears.
    private sealed class PlanEntry(Signature signature)
    {
        private volatile ExecutionPlan? plan;
        private volatile Exception? error;

        public Signature Signature { get; } = signature;

        public ExecutionPlan? Plan => plan;

        public void Publish(ExecutionPlan built) => plan = built;

        public void Fail(Exception e) => error = e;

        public ExecutionPlan Wait()
        {
            var spin = default(SpinWait);
            while (true)
            {
                if (plan is { } p) return p;
                if (error is { } e) throw e is ArgumentException ? new ArgumentException(e.Message, e) : new InvalidOperationException($"forward: building the plan for {Signature} failed: {e.Message}", e);
                spin.SpinOnce();
            }
        }
    }
}
