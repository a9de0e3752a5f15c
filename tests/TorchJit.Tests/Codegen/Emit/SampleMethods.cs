using System.Reflection.Emit;
using TorchJit.Codegen.Emit;

namespace TorchJit.Tests.Codegen.Emit;

/// <summary>Small methods written by hand through an <see cref="IILEmitter"/>, shared by the emitter tests.</summary>
internal static class SampleMethods
{
    public static readonly Type[] ClampParameters = [typeof(long), typeof(long)];

    /// <summary>
    /// <c>long Clamp(long x, long limit) => Math.Max(x &lt; limit ? x : limit, 0)</c>, with a local, a forward
    /// conditional branch, a join label and a call.
    /// </summary>
    public static void EmitClamp(IILEmitter il)
    {
        var value = il.DeclareLocal(typeof(long));
        var keep = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Stloc, value);
        il.Emit(OpCodes.Ldloc, value);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Blt, keep);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stloc, value);
        il.MarkLabel(keep);
        il.Emit(OpCodes.Ldloc, value);
        il.Emit(OpCodes.Ldc_I8, 0L);
        il.Emit(OpCodes.Call, typeof(Math).GetMethod(nameof(Math.Max), [typeof(long), typeof(long)])!);
        il.Emit(OpCodes.Ret);
    }

    /// <summary><c>long SumBelow(long n)</c>: 0 + 1 + ... + (n - 1), a loop with a backward branch.</summary>
    public static void EmitSumBelow(IILEmitter il)
    {
        var i = il.DeclareLocal(typeof(long));
        var sum = il.DeclareLocal(typeof(long));
        var test = il.DefineLabel();
        var body = il.DefineLabel();
        il.Emit(OpCodes.Ldc_I8, 0L);
        il.Emit(OpCodes.Stloc, i);
        il.Emit(OpCodes.Ldc_I8, 0L);
        il.Emit(OpCodes.Stloc, sum);
        il.Emit(OpCodes.Br, test);
        il.MarkLabel(body); // reached only by the backward branch: its depth is assumed empty
        il.Emit(OpCodes.Ldloc, sum);
        il.Emit(OpCodes.Ldloc, i);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, sum);
        il.Emit(OpCodes.Ldloc, i);
        il.Emit(OpCodes.Ldc_I8, 1L);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, i);
        il.MarkLabel(test);
        il.Emit(OpCodes.Ldloc, i);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Blt, body);
        il.Emit(OpCodes.Ldloc, sum);
        il.Emit(OpCodes.Ret);
    }

    public static RecordingEmitter Recorder(Type returnType, params Type[] parameters) => new("torchjit_test", returnType, parameters);
}
