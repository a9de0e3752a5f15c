using System.Reflection.Emit;
using TorchJit.Codegen.Emit;
using TorchJit.Ir;

namespace TorchJit.Codegen;

/// <summary><c>prim::RaiseException</c> (a scripted <c>throw</c>) and <c>prim::Uninitialized</c> (a placeholder on paths that exit).</summary>
public static partial class GraphCompiler
{
    private static readonly System.Reflection.ConstructorInfo RaiseCtor = typeof(ScriptRuntimeException).GetConstructor([typeof(string)])!;

    private sealed partial class Emitter
    {
        // throw new ScriptRuntimeException(message), as the interpreter raises it.
        private void EmitRaise(Node n)
        {
            Load(n.Inputs[0], typeof(string));
            il.Emit(OpCodes.Newobj, RaiseCtor);
            il.Emit(OpCodes.Throw);
        }

        // A value no path reads: the default of its CLR type (null, 0, false).
        private void EmitUninitialized(Node n)
        {
            var type = ClrType(n.Output.Type);
            var local = LocalFor(n.Output, type);
            if (type.IsValueType)
            {
                il.Emit(OpCodes.Ldloca, local);
                il.Emit(OpCodes.Initobj, type);
            }
            else
            {
                il.Emit(OpCodes.Ldnull);
                il.Emit(OpCodes.Stloc, local);
            }
        }
    }
}
