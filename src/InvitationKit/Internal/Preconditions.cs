using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace InvitationKit.Internal;

/// <summary>Argument checks for programming errors; expected failures are results, never exceptions.</summary>
internal static class Preconditions
{
    public static T NotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value, name);
        return value;
    }

    public static void Check([DoesNotReturnIf(false)] bool condition, string message, [CallerArgumentExpression(nameof(condition))] string? name = null)
    {
        if (!condition)
        {
            throw new ArgumentException(message, name);
        }
    }
}
