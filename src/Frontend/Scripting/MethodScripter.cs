using System.Reflection;
using ICSharpCode.Decompiler.IL;
using TorchJit.Ir;
using ILBlock = ICSharpCode.Decompiler.IL.Block;
using IrBlock = TorchJit.Ir.Block;

namespace TorchJit.Frontend;

/// <summary>
/// Turns one method's structured ILAst into a graph. Straight-line code becomes op nodes; an <c>if</c>
/// becomes <c>prim::If</c>. Note [Early return]: when both branches reach the same place, the locals
/// they changed become the If's outputs and emission continues once; when a branch returns and the other
/// does not, the rest of the method is emitted inside the other branch, so every path ends in a return
/// and the If outputs the returned value (what TorchScript's exit transform achieves).
/// </summary>
internal sealed partial class MethodScripter
{
    private readonly Scripter owner;
    private readonly MethodBase method;
    private readonly string methodName;
    private readonly DecompiledAssembly assembly;
    private readonly IReadOnlyList<ICSharpCode.Decompiler.DebugInfo.SequencePoint> points;
    private readonly Graph graph = new();
    private readonly Dictionary<Value, object> runtimeObjects = [];
    private readonly Dictionary<ILVariable, Value> unrolledElements = [];
    private readonly Dictionary<BlockContainer, Cont?> containerExits = [];
    private ILFunction function = null!;
    private ILBlock? unrollHead;

    public MethodScripter(Scripter owner, MethodBase method)
    {
        this.owner = owner;
        this.method = method;
        methodName = method.DeclaringType?.Name + "." + method.Name;
        assembly = DecompiledAssembly.For(method.Module.Assembly);
        points = assembly.SequencePoints(method);
    }

    /// <summary>Scripts the method with <paramref name="self"/> as the module it runs on.</summary>
    public Graph Build(torch.nn.Module self, ScriptObject selfObject)
    {
        function = assembly.Read(method);
        // Debug knob: TORCHJIT_DUMP_ILAST=1 prints the structured ILAst each scripted method is read from.
        if (Environment.GetEnvironmentVariable("TORCHJIT_DUMP_ILAST") is "1") Console.Error.WriteLine($"ILAst of {methodName}:\n{function}");
        if (function.IsAsync || function.IsIterator) throw Error(function, "async methods and iterators cannot be scripted");
        var env = new Env();
        var selfValue = graph.AddInput(selfObject.Type, "self");
        runtimeObjects[selfValue] = self;
        foreach (var v in function.Variables)
        {
            if (v.Kind != VariableKind.Parameter) continue;
            if (v.Index < 0) env.Set(v, selfValue);
        }

        var parameters = method.GetParameters();
        foreach (var p in parameters)
        {
            var type = ClrTypes.ToJit(p.ParameterType) ?? throw Error(function, $"parameter '{p.Name}' of type {p.ParameterType.Name} is not supported");
            var value = graph.AddInput(type, p.Name);
            var variable = function.Variables.FirstOrDefault(v => v.Kind == VariableKind.Parameter && v.Index == p.Position);
            if (variable is not null) env.Set(variable, value);
        }

        var body = (BlockContainer)function.Body;
        containerExits[body] = null;
        var outcome = Run(new Cont(body.EntryPoint, 0, null), env, graph.Block, null);
        if (outcome is not Returned r) throw Error(function, "the method does not return a value on every path");
        graph.AddOutput(r.Value);
        return graph;
    }

    /// <summary>
    /// Emits from <paramref name="k"/> into <paramref name="gb"/> until the method returns or control
    /// leaves <paramref name="region"/> (null: the whole method).
    /// </summary>
    private Outcome Run(Cont k, Env env, IrBlock gb, ILInstruction? region)
    {
        using var insert = graph.InsertPointAtEnd(gb);
        while (true)
        {
            if (k.Index >= k.Block.Instructions.Count)
            {
                // Fell off a nested block: continue after the instruction that holds it.
                if (k.Parent is null) throw Error(k.Block, "control falls off the end of a block");
                k = k.Parent;
                if (region is not null && !k.Block.IsDescendantOf(region)) return new Reached(k, env);
                continue;
            }

            var inst = k.Block.Instructions[k.Index];
            switch (inst)
            {
                case Nop:
                    k = k.Next;
                    continue;
                case StLoc store:
                    Assign(store, env);
                    k = k.Next;
                    continue;
                case Leave leave when leave.TargetContainer == function.Body:
                    return new Returned(Expr(leave.Value, env, null));
                case Leave leave when leave.Value is Nop && leave.TargetContainer.Kind == ContainerKind.Normal
                    && containerExits.TryGetValue(leave.TargetContainer, out var exit) && exit is not null:
                    // The end of a plain block container (a using body): go on after it.
                    if (region is not null && !exit.Block.IsDescendantOf(region)) return new Reached(exit, env);
                    k = exit;
                    continue;
                case Leave leave:
                    throw Error(leave, "leaving a block early (break) is not supported yet");
                case Branch branch:
                    var target = Target(branch);
                    if (branch.TargetBlock == unrollHead || (region is not null && !branch.TargetBlock.IsDescendantOf(region))) return new Reached(target, env);
                    k = target;
                    continue;
                case IfInstruction ifInst:
                    var outcome = If(ifInst, k.Next, env, gb);
                    if (outcome is Returned) return outcome;
                    var reached = (Reached)outcome;
                    if (region is not null && !reached.Place.Block.IsDescendantOf(region)) return reached;
                    (k, env) = (reached.Place, reached.Env);
                    continue;
                case BlockContainer container when container.Kind == ContainerKind.Normal:
                    containerExits[container] = k.Next;
                    k = new Cont(container.EntryPoint, 0, null);
                    continue;
                case BlockContainer container:
                    throw Error(container, $"{container.Kind.ToString().ToLowerInvariant()} loops are not supported yet");
                case UsingInstruction usingInst:
                    (k, env) = UnrollModuleLoop(usingInst, env, gb, k.Next);
                    continue;
                default:
                    throw Error(inst, $"statement '{inst.OpCode}' is not supported");
            }
        }
    }

    private Cont? ExitOf(BlockContainer container) =>
        containerExits.TryGetValue(container, out var exit) ? exit : throw Error(container, "a jump into a block that was not entered");

    private void Assign(StLoc store, Env env)
    {
        var value = Expr(store.Value, env, ClrTypes.FromIl(store.Variable.Type));
        if (store.Variable.Kind is VariableKind.Local or VariableKind.Parameter && value.DebugName is null
            && value.Node.Kind != NodeKinds.Param && value.Node.Kind != NodeKinds.Constant && IsUserName(store.Variable.Name))
            value.SetDebugName(store.Variable.Name!);
        env.Set(store.Variable, value);
    }

    private static bool IsUserName(string? name) =>
        !string.IsNullOrEmpty(name) && !name.StartsWith("V_", StringComparison.Ordinal) && !name.StartsWith("CS$", StringComparison.Ordinal)
        && !name.StartsWith("num", StringComparison.Ordinal) && !name.StartsWith("flag", StringComparison.Ordinal) && name[0] != '<';
}
