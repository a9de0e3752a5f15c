using System.Reflection;
using System.Reflection.Emit;

namespace TorchJit.Codegen.Emit;

/// <summary>How many evaluation-stack slots an instruction pops and pushes.</summary>
internal static class StackEffect
{
    /// <summary>
    /// Slots popped by <paramref name="instruction"/>. The fixed counts come from the opcode's
    /// <see cref="OpCode.StackBehaviourPop"/>; the variable ones (calls, <c>newobj</c>, <c>ret</c>) from the
    /// callee's signature or the method's own return type.
    /// </summary>
    public static int Pops(in RecordedInstruction instruction, Type returnType)
    {
        switch (instruction.OpCode.StackBehaviourPop)
        {
            case StackBehaviour.Pop0:
                return 0;
            case StackBehaviour.Pop1:
            case StackBehaviour.Popi:
            case StackBehaviour.Popref:
                return 1;
            case StackBehaviour.Pop1_pop1:
            case StackBehaviour.Popi_pop1:
            case StackBehaviour.Popi_popi:
            case StackBehaviour.Popi_popi8:
            case StackBehaviour.Popi_popr4:
            case StackBehaviour.Popi_popr8:
            case StackBehaviour.Popref_pop1:
            case StackBehaviour.Popref_popi:
                return 2;
            case StackBehaviour.Popi_popi_popi:
            case StackBehaviour.Popref_popi_popi:
            case StackBehaviour.Popref_popi_popi8:
            case StackBehaviour.Popref_popi_popr4:
            case StackBehaviour.Popref_popi_popr8:
            case StackBehaviour.Popref_popi_popref:
            case StackBehaviour.Popref_popi_pop1:
                return 3;
            case StackBehaviour.Varpop:
                return VariablePops(instruction, returnType);
            default:
                throw new NotSupportedException($"IL check: {instruction.OpCode.Name} pops {instruction.OpCode.StackBehaviourPop}");
        }
    }

    /// <summary>Slots pushed by <paramref name="instruction"/>.</summary>
    public static int Pushes(in RecordedInstruction instruction) => instruction.OpCode.StackBehaviourPush switch
    {
        StackBehaviour.Push0 => 0,
        StackBehaviour.Push1 or StackBehaviour.Pushi or StackBehaviour.Pushi8 or StackBehaviour.Pushr4
            or StackBehaviour.Pushr8 or StackBehaviour.Pushref => 1,
        StackBehaviour.Push1_push1 => 2,
        StackBehaviour.Varpush => instruction.Operand switch
        {
            MethodInfo method => method.ReturnType == typeof(void) ? 0 : 1,
            ConstructorInfo => 0, // call of a base or struct constructor: it initialises `this` in place
            _ => throw new NotSupportedException($"IL check: {instruction.OpCode.Name} pushes a variable count but has no method operand"),
        },
        _ => throw new NotSupportedException($"IL check: {instruction.OpCode.Name} pushes {instruction.OpCode.StackBehaviourPush}"),
    };

    private static int VariablePops(in RecordedInstruction instruction, Type returnType)
    {
        if (instruction.OpCode == OpCodes.Ret) return returnType == typeof(void) ? 0 : 1;
        if (instruction.Operand is not MethodBase callee)
            throw new NotSupportedException($"IL check: {instruction.OpCode.Name} pops a variable count but has no method operand");

        int arguments = callee.GetParameters().Length;
        // newobj makes `this` rather than popping it; call/callvirt on an instance member pop it first.
        bool popsThis = !callee.IsStatic && instruction.OpCode != OpCodes.Newobj;
        return arguments + (popsThis ? 1 : 0);
    }
}
