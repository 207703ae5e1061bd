namespace InvitationKit.Secrets;

/// <summary>
/// Spots keys that no random generator makes: all one byte value, a shorter pattern repeated, bytes counting up in
/// repeated steps, or only a handful of byte values — the <c>new byte[32]</c> copied from a test, a passphrase typed
/// twice. Under such a key every code in a database dump can be recovered offline, so the options refuse it. A key from
/// <c>RandomNumberGenerator.GetBytes(32)</c> trips one of these checks with a probability below 10⁻³⁶.
/// </summary>
internal static class SecretKeyQuality
{
    /// <summary>The fewest distinct byte values a key may hold (32 random bytes hold about 30).</summary>
    public const int MinDistinctBytes = 8;

    /// <summary>What makes the key degenerate, as a clause for the options' message; null when it looks random.</summary>
    public static string? Weakness(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty)
        {
            return null;
        }

        if (Period(key) is { } period)
        {
            return period == 1 ? $"every byte is 0x{key[0]:X2}" : $"it repeats a pattern of {period} bytes";
        }

        Span<byte> steps = key.Length <= 1024 ? stackalloc byte[key.Length - 1] : new byte[key.Length - 1];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = unchecked((byte)(key[i + 1] - key[i]));
        }

        if (Period(steps) is { } stepPeriod)
        {
            return stepPeriod == 1 ? "its bytes count in one constant step" : $"its bytes count in a repeated pattern of {stepPeriod} steps";
        }

        Span<bool> seen = stackalloc bool[256];
        var distinct = 0;
        foreach (var b in key)
        {
            distinct += seen[b] ? 0 : 1;
            seen[b] = true;
        }

        return distinct < MinDistinctBytes ? $"it holds only {distinct} distinct byte value(s)" : null;
    }

    /// <summary>The shortest pattern, at most half the length, that the bytes repeat; null when there is none.</summary>
    private static int? Period(ReadOnlySpan<byte> bytes)
    {
        for (var period = 1; period <= bytes.Length / 2; period++)
        {
            if (bytes[period..].SequenceEqual(bytes[..^period]))
            {
                return period;
            }
        }

        return null;
    }
}
