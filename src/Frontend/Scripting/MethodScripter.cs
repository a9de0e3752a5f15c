using System.Reflection;
using ICSharpCode.Decompiler.IL;
using ICSharpCode.Decompiler.TypeSystem;
using TorchJit.Ir;
using ILBlock = ICSharpCode.Decompiler.IL.Block;
using IrBlock = TorchJit.Ir.Block;

namespace TorchJit.Frontend;

/// <summary>
/// Turns one method's structured ILAst into a graph. Straight-line code becomes op nodes; an <c>if</c>
/// becomes <c>prim::If</c>, a loop <c>prim::Loop</c>.
/// <para>
/// Emission walks the ILAst with continuations (<see cref="Cont"/>): <see cref="Run"/> emits a region
/// of code until control leaves it, and returns an <see cref="Outcome"/>: the exits taken out of the
/// region and the locals' values there. Note [Early return]: when both arms of an <c>if</c> reach the
/// same place, the locals they changed become the If's outputs and emission goes on once. When one arm
/// cannot go on here (it returned, raised, or left the enclosing loop) and the other reaches one place,
/// the rest of the region is emitted inside that other arm, so the If outputs what the region
/// produced; that is what TorchScript's exit transform does for early returns. Otherwise the If also
/// outputs which exit was taken (Note [Exits]) and the code after it dispatches on that.
/// </para>
/// </summary>
internal sealed partial class MethodScripter
{
    private readonly Scripter owner;
    private readonly MethodBase method;
    private readonly string methodName;
    private readonly DecompiledAssembly assembly;
    private IReadOnlyList<ICSharpCode.Decompiler.DebugInfo.SequencePoint> points;
    private readonly Graph graph = new();
    private readonly Dictionary<Value, object> runtimeObjects = [];
    private readonly Dictionary<ILVariable, Value> unrolledElements = [];
    private readonly Dictionary<BlockContainer, Cont?> containerExits = [];
    private readonly List<Exit> exitNumbers = [];
    private readonly HashSet<ILBlock> stops = [];
    private readonly Dictionary<Value, Node> unpacks = [];
    private readonly Dictionary<NullableUnwrap, Value> unwrapped = [];
    private const int MaxOutwardMoves = 32;
    private int outwardMoves;
    private ILInstruction? loopBody;
    private ILFunction function = null!;

    public MethodScripter(Scripter owner, MethodBase method)
    {
        this.owner = owner;
        this.method = method;
        methodName = method.DeclaringType?.Name + "." + method.Name;
        assembly = DecompiledAssembly.For(method.Module.Assembly);
        points = assembly.SequencePoints(method);
    }

    /// <summary>The name errors use (<c>CondModel.forward</c>).</summary>
    public string MethodName => methodName;

    /// <summary>
    /// Scripts the method with <paramref name="self"/> as the module it runs on (null for a static
    /// function, whose graph has no <c>%self</c>).
    /// </summary>
    public Graph Build(torch.nn.Module? self, ScriptObject? selfObject)
    {
        function = assembly.Read(method);
        // Debug knob: TORCHJIT_DUMP_ILAST=1 prints the structured ILAst each scripted method is read from.
        if (Environment.GetEnvironmentVariable("TORCHJIT_DUMP_ILAST") is "1") Console.Error.WriteLine($"ILAst of {methodName}:\n{function}");
        if (function.IsAsync || function.IsIterator) throw new ScriptException(methodName, StateMachineStart(), "async methods and iterators cannot be scripted");
        var env = new Env();
        if (self is not null)
        {
            var selfValue = graph.AddInput(selfObject!.Type, "self");
            runtimeObjects[selfValue] = self;
            foreach (var v in function.Variables)
                if (v.Kind == VariableKind.Parameter && v.Index < 0) env.Set(v, selfValue);
        }

        foreach (var p in method.GetParameters())
        {
            if (p.ParameterType.IsByRef) throw Error(function, $"parameter '{p.Name}' is passed by reference (ref/out/in); scripted methods take values");
            var type = ClrTypes.ToJit(p) ?? throw Error(function, $"parameter '{p.Name}' of type {ClrTypes.Describe(p.ParameterType)} is not supported");
            var value = graph.AddInput(type, p.Name);
            var variable = function.Variables.FirstOrDefault(v => v.Kind == VariableKind.Parameter && v.Index == p.Position);
            if (variable is not null) env.Set(variable, value);
        }

        var body = (BlockContainer)function.Body;
        containerExits[body] = null;
        var outcome = Run(new Cont(body.EntryPoint, 0, null), env, graph.Block, null);
        if (outcome.Never)
        {
            // Every path raises: the result is never produced.
            var resultType = method is MethodInfo info ? ClrTypes.ToJit(info.ReturnParameter) : null;
            using (graph.InsertPointAtEnd(graph.Block)) graph.AddOutput(Uninitialized(resultType ?? NoneType.Instance));
        }
        else
        {
            if (!outcome.IsSingle || !outcome.Only.IsReturn) throw Error(function, "the method does not return a value on every path");
            graph.AddOutput(Returned(outcome.Env));
        }

        ScriptCleanup.Run(graph);
        return graph;
    }

    private Value Returned(Env env) => env.TryGet(Env.ReturnSlot, out var v) ? v : throw Error(function, "no value is returned on this path");

    /// <summary>
    /// Emits from <paramref name="k"/> into <paramref name="gb"/> until control leaves
    /// <paramref name="scope"/> (an ILAst subtree; null: the whole method). The outcome's exits all lie
    /// outside the scope (or are returns). A loop head being emitted ends every region inside its loop.
    /// </summary>
    private Outcome Run(Cont k, Env env, IrBlock gb, ILInstruction? scope, bool entering = false)
    {
        using var insert = graph.InsertPointAtEnd(gb);
        while (true)
        {
            if (!entering)
            {
                k = Settle(k);
                if (!Inside(k, scope)) return Outcome.Reached(k, env);
            }

            entering = false;
            var outcome = Statement(k.Block.Instructions[k.Index], k.Next, env, gb, scope);
            if (outcome.Never || (outcome.IsSingle && outcome.Only.IsReturn)) return outcome;
            if (outcome.IsSingle)
            {
                (k, env) = (outcome.Only.Place!, outcome.Env);
                continue;
            }

            return HasInside(outcome, scope) ? Dispatch(outcome, gb, scope) : outcome;
        }
    }

    /// <summary>Emits one statement; <paramref name="next"/> is where control goes after it.</summary>
    private Outcome Statement(ILInstruction inst, Cont next, Env env, IrBlock gb, ILInstruction? scope)
    {
        switch (inst)
        {
            case Nop:
                return Outcome.Reached(next, env);
            case StLoc store:
                Assign(store, env);
                return Outcome.Reached(next, env);
            case Leave leave when leave.TargetContainer == function.Body:
                return Outcome.Returned(Expr(leave.Value, env, ReturnClrType()));
            case Leave leave when leave.Value is Nop:
                return Outcome.Reached(Settle(LeavePlace(leave)), env);
            case Leave leave:
                throw Error(leave, "leaving a block with a value is not supported");
            case Branch branch:
                return Outcome.Reached(Settle(Target(branch)), env);
            case DeconstructInstruction deconstruct:
                Deconstruct(deconstruct, env);
                return Outcome.Reached(next, env);
            case IfInstruction ifInst:
                return If(ifInst, next, env, gb, scope);
            case BlockContainer { Kind: ContainerKind.Normal } container:
                containerExits[container] = next;
                return Outcome.Reached(new Cont(container.EntryPoint, 0, next), env);
            case BlockContainer { Kind: ContainerKind.Switch } container:
                containerExits[container] = next;
                return Outcome.Reached(new Cont(container.EntryPoint, 0, next), env);
            case SwitchInstruction switchInst:
                return Switch(switchInst, next, env, gb, scope);
            case BlockContainer container:
                return Loop(container, next, env, gb);
            case UsingInstruction usingInst:
                var (after, envAfter) = UnrollModuleLoop(usingInst, env, gb, next);
                return Outcome.Reached(after, envAfter);
            case Throw thrown:
                Raise(thrown);
                return Outcome.Raised();
            case TryCatch:
                throw Error(inst, "try/catch cannot be scripted (TorchScript has no exception handling)");
            case TryFinally or TryFault or LockInstruction:
                throw Error(inst, "try/finally, lock and using blocks cannot be scripted (only foreach over a list of sub-modules)");
            case ILBlock { Kind: BlockKind.ControlFlow } block:
                return Outcome.Reached(new Cont(block, 0, next), env);
            case CallInstruction or StObj:
                if (inst is CallInstruction call && call.Method.ReturnType.Kind == ICSharpCode.Decompiler.TypeSystem.TypeKind.Void)
                    throw Error(inst, $"call to {call.Method.DeclaringType.Name}.{call.Method.Name} is not supported in scripted code (a statement with side effects)");
                if (inst is StObj) throw Error(inst, "writing to a field or through a reference cannot be scripted (scripted code does not mutate state)");
                // A call whose result is dropped: emit it for its meaning.
                Expr(inst, env, null);
                return Outcome.Reached(next, env);
            default:
                throw Error(inst, $"statement '{inst.OpCode}' is not supported");
        }
    }

    /// <summary>The place after <paramref name="k"/> once effect-free jumps are taken (end of block, nop, branch, leave).</summary>
    private Cont Settle(Cont k)
    {
        for (int steps = 0; ; steps++)
        {
            if (steps > 10_000) throw Error(k.Block, "control flow does not settle (a goto cycle?)");
            if (k.Index >= k.Block.Instructions.Count)
            {
                k = k.Parent ?? throw Error(k.Block, "control falls off the end of a block");
                continue;
            }

            switch (k.Block.Instructions[k.Index])
            {
                case Nop:
                    k = k.Next;
                    continue;
                case ILBlock { Kind: BlockKind.ControlFlow } block:
                    k = new Cont(block, 0, k.Next);
                    continue;
                case Branch br when !stops.Contains(br.TargetBlock):
                    k = Target(br);
                    continue;
                case Branch br:
                    return Target(br);
                case Leave { Value: Nop } leave when leave.TargetContainer != function.Body:
                    k = LeavePlace(leave);
                    continue;
                default:
                    return k;
            }
        }
    }

    // Inside the region: in its ILAst subtree, and not the head of a loop being emitted.
    private bool Inside(Cont k, ILInstruction? scope) =>
        (scope is null || k.Block.IsDescendantOf(scope)) && !(k.Index == 0 && stops.Contains(k.Block));

    private bool HasInside(Outcome o, ILInstruction? scope) => o.Exits.Any(e => !e.IsReturn && Inside(e.Place!, scope));

    // Where a branch goes: the target block, and after it the exit of its container.
    private Cont Target(Branch br) => PlaceOf(br.TargetBlock);

    private Cont PlaceOf(ILBlock block) => new(block, 0, ExitOf((BlockContainer)block.Parent!));

    private Cont LeavePlace(Leave leave) =>
        ExitOf(leave.TargetContainer) ?? throw Error(leave, "leaving this block early (break or return inside a loop over modules) is not supported: the loop is unrolled");

    private Cont? ExitOf(BlockContainer container) =>
        containerExits.TryGetValue(container, out var exit) ? exit : throw Error(container, "a jump into a block that was not entered");

    private Type? ReturnClrType() => method is MethodInfo m ? m.ReturnType : null;

    private void Assign(StLoc store, Env env)
    {
        if (store.Variable.Kind == VariableKind.Parameter && store.Variable.Index < 0) throw Error(store, "assigning 'this' is not supported");
        if (store.Variable.Type.Kind == TypeKind.Delegate)
            throw Error(store, "lambdas and delegates cannot be scripted (TorchScript has no closures): call a method instead");
        if (!IsScriptableType(store.Variable.Type))
            throw Error(store, $"local '{store.Variable.Name}' has type {store.Variable.Type.Name}, which scripted code does not support (tensors, numbers, bools, strings, long[], tuples and modules)");
        var value = Expr(store.Value, env, ClrTypes.FromIl(store.Variable.Type));
        if (store.Variable.Kind is VariableKind.Local or VariableKind.Parameter && value.DebugName is null
            && value.Node.Kind != NodeKinds.Param && value.Node.Kind != NodeKinds.Constant && IsUserName(store.Variable.Name))
            value.SetDebugName(store.Variable.Name!);
        env.Set(store.Variable, value);
    }

    private static bool IsScriptableType(ICSharpCode.Decompiler.TypeSystem.IType type) =>
        ClrTypes.FromIlType(type) is not null || type.Kind == ICSharpCode.Decompiler.TypeSystem.TypeKind.Unknown
        || type.GetAllBaseTypes().Any(b => b.FullName == "TorchJit.torch.nn.Module") || type is { Namespace: "System", Name: "ReadOnlySpan" or "Span" };

    private static bool IsUserName(string? name) =>
        !string.IsNullOrEmpty(name) && !name.StartsWith("V_", StringComparison.Ordinal) && !name.StartsWith("CS$", StringComparison.Ordinal)
        && !name.StartsWith("S_", StringComparison.Ordinal) && !name.StartsWith("num", StringComparison.Ordinal)
        && !name.StartsWith("flag", StringComparison.Ordinal) && name[0] != '<';

    private Value Uninitialized(JitType type)
    {
        var node = graph.Create(NodeKinds.Uninitialized);
        var output = node.AddOutput(type);
        graph.Insert(node);
        return output;
    }
}
