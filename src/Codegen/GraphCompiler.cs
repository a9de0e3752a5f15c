using System.Reflection.Emit;
using TorchJit.Ir;

namespace TorchJit.Codegen;

/// <summary>
/// Lowers a frozen, inlined graph (tensor inputs after <c>%self</c>, one tensor output) to one
/// <see cref="DynamicMethod"/>: each op node is a direct call to its implementation method (the same
/// one eager mode runs, so results are bit-identical), each value a typed local, constants literal or
/// loaded from a captured table, and <c>prim::If</c> a pair of IL branches.
/// </summary>
public static partial class GraphCompiler
{
    /// <summary>Compiles <paramref name="graph"/>; its first input (the module) must be unused.</summary>
    public static Func<Tensor, Tensor> Compile(Graph graph, string name = "forward")
    {
        if (graph.Inputs.Count != 2 || graph.Inputs[0].Uses.Count > 0)
            throw new NotSupportedException($"codegen: {name} must take the module (unused after freezing) and one tensor; got {graph.Inputs.Count} inputs");
        if (graph.Outputs.Count != 1 || graph.Outputs[0].Type is not TensorType)
            throw new NotSupportedException($"codegen: {name} must return one tensor");
        var emitter = new Emitter(graph, name);
        return emitter.Emit();
    }

    private sealed partial class Emitter(Graph graph, string name)
    {
        private readonly List<object> constants = [];
        private readonly Dictionary<Value, LocalBuilder> locals = [];
        private readonly DynamicMethod method = new(
            "torchjit_" + name, typeof(Tensor), [typeof(object[]), typeof(Tensor)], typeof(GraphCompiler).Module, skipVisibility: true);

        private ILGenerator il = null!;

        public Func<Tensor, Tensor> Emit()
        {
            il = method.GetILGenerator();
            EmitBlock(graph.Block);
            Load(graph.Outputs[0], typeof(Tensor));
            il.Emit(OpCodes.Ret);
            return (Func<Tensor, Tensor>)method.CreateDelegate(typeof(Func<Tensor, Tensor>), constants.ToArray());
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
                case NodeKinds.ListConstruct:
                    EmitListConstruct(n);
                    return;
            }

            if (n.Op is not { } op)
                throw new NotSupportedException($"codegen: node {n.Kind} is not supported (the graph must be inlined and frozen)");
            var parameters = op.Implementation.GetParameters();
            for (int i = 0; i < parameters.Length; i++) Load(n.Inputs[i], parameters[i].ParameterType);
            il.Emit(OpCodes.Call, op.Implementation);
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
                var type = ClrType(n.Outputs[i].Type);
                Load(block.Outputs[i], type);
                il.Emit(OpCodes.Stloc, LocalFor(n.Outputs[i], type));
            }
        }

        private LocalBuilder LocalFor(Value v, Type type)
        {
            if (!locals.TryGetValue(v, out var local)) locals[v] = local = il.DeclareLocal(type);
            return local;
        }

        private static Type ClrType(JitType t) => t switch
        {
            TensorType => typeof(Tensor),
            IntType => typeof(long),
            FloatType => typeof(double),
            BoolType => typeof(bool),
            ListType { Element: IntType } => typeof(long[]),
            ListType { Element: TensorType } => typeof(Tensor[]),
            _ => throw new NotSupportedException($"codegen: values of type {t} are not supported"),
        };
    }
}
