using System.Reflection.Emit;
using TorchJit.Codegen.Emit;
using TorchJit.Ir;

namespace TorchJit.Codegen;

/// <summary>
/// Lowers a frozen, inlined graph to one <see cref="DynamicMethod"/>: each op node is a direct call to its
/// implementation method (the same one eager mode runs, so results are bit-identical), each value a typed
/// local (<c>Tensor</c>, <c>long</c>, <c>double</c>, <c>bool</c>, lists), constants literal or loaded from a
/// captured table, <c>prim::If</c> a pair of IL branches and <c>prim::Loop</c> an IL loop. Number ops
/// (<c>aten::add.int</c>, <c>aten::lt.int</c>) take and return primitives, so a loop's counter and
/// condition never box.
/// </summary>
public static partial class GraphCompiler
{
    /// <summary>Compiles a module's <c>forward</c>: <c>%self</c> (unused after freezing) and one tensor in, one tensor out.</summary>
    public static Func<Tensor, Tensor> Compile(Graph graph, string name = "forward")
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (graph.Inputs.Count != 2 || graph.Inputs[0].Uses.Count > 0)
            throw new NotSupportedException($"codegen: {name} must take the module (unused after freezing) and one tensor; got {graph.Inputs.Count} inputs");
        if (graph.Outputs.Count != 1 || graph.Outputs[0].Type is not TensorType)
            throw new NotSupportedException($"codegen: {name} must return one tensor");
        var emitter = new Emitter(graph, name, [typeof(Tensor)], typeof(Tensor), layout: null);
        return (Func<Tensor, Tensor>)emitter.Emit(typeof(Func<Tensor, Tensor>));
    }

    /// <summary>
    /// Compiles any graph whose values are tensors, ints, floats, bools or lists of those: inputs are
    /// unpacked from <see cref="IValue"/>s once on entry and outputs packed once on exit, so only the call
    /// boundary boxes. Inputs of other types (a module's <c>%self</c>) must be unused.
    /// </summary>
    public static Func<IValue[], IValue[]> CompileGraph(Graph graph, string name = "graph")
    {
        ArgumentNullException.ThrowIfNull(graph);
        var emitter = new Emitter(graph, name, [typeof(IValue[])], typeof(IValue[]), layout: null);
        var run = (Func<IValue[], IValue[]>)emitter.Emit(typeof(Func<IValue[], IValue[]>));
        int arity = graph.Inputs.Count;
        return inputs =>
        {
            ArgumentNullException.ThrowIfNull(inputs);
            if (inputs.Length != arity) throw new ArgumentException($"{name} takes {arity} inputs, got {inputs.Length}", nameof(inputs));
            return run(inputs);
        };
    }

    private sealed partial class Emitter
    {
        private readonly Graph graph;
        private readonly Type parameterType;
        private readonly PlanLayout? layout;
        private readonly List<object> constants = [];
        private readonly Dictionary<Value, EmitLocal> locals = [];
        private readonly Dictionary<Value, EmitLocal> freeBuffers = [];
        private readonly DynamicMethod method;
        private readonly string name;
        private readonly Type[] parameterTypes;
        private IILEmitter il = null!;

        // Parameters: the constant table, then parameters[0] (the input tensor or the IValue[] of inputs), then the rest.
        public Emitter(Graph graph, string name, Type[] parameters, Type returnType, PlanLayout? layout)
        {
            this.graph = graph;
            this.layout = layout;
            this.name = name;
            parameterType = parameters[0];
            parameterTypes = [typeof(object[]), .. parameters];
            method = new("torchjit_" + name, returnType, parameterTypes, typeof(GraphCompiler).Module, skipVisibility: true);
        }

        private bool TakesIValues => parameterType == typeof(IValue[]);

        public Delegate Emit(Type delegateType)
        {
            // TORCHJIT_DUMP_IL=<name> records this method too: its listing is printed and its stack checked.
            il = ILDump.Open(method, name, method.ReturnType, parameterTypes);
            if (TakesIValues) UnpackInputs();
            EmitBlock(graph.Block);
            if (TakesIValues) PackOutputs();
            else Load(graph.Outputs[0], typeof(Tensor));
            il.Emit(OpCodes.Ret);
            ILDump.Close(il);
            return method.CreateDelegate(delegateType, constants.ToArray());
        }

        private void EmitBlock(Block block)
        {
            foreach (var n in block.Nodes) EmitNode(n);
        }

        private void EmitNode(Node n)
        {
            switch (n.Kind)
            {
                case NodeKinds.Constant:
                    return; // loaded where used
                case NodeKinds.If:
                    EmitIf(n);
                    return;
                case NodeKinds.Loop:
                    EmitLoop(n);
                    return;
                case NodeKinds.ListConstruct:
                    EmitListConstruct(n);
                    return;
                case NodeKinds.FusionGroup:
                    EmitCancellationCheck();
                    EmitFusionGroup(n);
                    return;
                case NodeKinds.RaiseException:
                    EmitRaise(n);
                    return;
                case NodeKinds.Uninitialized:
                    EmitUninitialized(n);
                    return;
            }

            if (n.Op is not { } op)
                throw new NotSupportedException($"codegen: node {n.Kind} is not supported (the graph must be inlined and frozen)");
            // Between kernels, not before a register comparison.
            if (n.Outputs.Any(o => o.Type is TensorType) && !(n.Outputs.Count == 1 && layout?.Scalarized.Contains(n.Output) == true)) EmitCancellationCheck();
            if (layout is not null && (EmitScalarized(n) || EmitPlanned(n, op))) return;
            var parameters = op.Implementation.GetParameters();
            for (int i = 0; i < parameters.Length; i++) Load(n.Inputs[i], parameters[i].ParameterType);
            if (ScalarOpcodes.ByOp.TryGetValue(op.QualifiedName, out var arithmetic))
            {
                foreach (var code in arithmetic) il.Emit(code); // number ops as plain IL, no call
            }
            else
            {
                il.Emit(OpCodes.Call, op.Implementation);
            }

            StoreResults(n, op.Implementation.ReturnType);
        }

        private void EmitIf(Node n)
        {
            var elseLabel = il.DefineLabel();
            var end = il.DefineLabel();
            Load(n.Inputs[0], typeof(bool));
            il.Emit(OpCodes.Brfalse, elseLabel);
            EmitBranch(n, 0);
            il.Emit(OpCodes.Br, end);
            il.MarkLabel(elseLabel);
            EmitBranch(n, 1);
            il.MarkLabel(end);
        }

        private void EmitBranch(Node n, int index)
        {
            var block = n.Blocks[index];
            EmitBlock(block);
            for (int i = 0; i < n.Outputs.Count; i++)
            {
                if (layout is not null && layout.OutputBoundIfs.Contains(n.Outputs[i]))
                {
                    YieldIntoOutput(block.Outputs[i]);
                    il.Emit(OpCodes.Ldarg_3);
                    il.Emit(OpCodes.Stloc, LocalFor(n.Outputs[i], typeof(Tensor)));
                    continue;
                }

                var type = ClrType(n.Outputs[i].Type);
                Load(block.Outputs[i], type);
                il.Emit(OpCodes.Stloc, LocalFor(n.Outputs[i], type));
            }
        }

        private EmitLocal LocalFor(Value v, Type type)
        {
            if (!locals.TryGetValue(v, out var local)) locals[v] = local = il.DeclareLocal(type);
            return local;
        }

        private static Type ClrType(JitType t) => t switch
        {
            TensorType => typeof(Tensor),
            OptionalType { Element: TensorType } => typeof(Tensor), // None is null
            OptionalType { Element: IntType } => typeof(long?),
            OptionalType { Element: FloatType } => typeof(double?),
            IntType => typeof(long),
            FloatType => typeof(double),
            BoolType => typeof(bool),
            ListType { Element: IntType } => typeof(long[]),
            ListType { Element: TensorType } => typeof(Tensor[]),
            _ => throw new NotSupportedException($"codegen: values of type {t} are not supported"),
        };
    }
}
