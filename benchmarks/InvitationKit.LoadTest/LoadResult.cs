using System.Collections.Concurrent;
using System.Globalization;

namespace InvitationKit.LoadTest;

/// <summary>What one phase of load did: answers by status, latencies, and what was acknowledged.</summary>
public sealed class LoadResult
{
    /// <summary>An invitation an invite answered 2xx for.</summary>
    /// <param name="Id">The invitation.</param>
    /// <param name="AccountId">The account.</param>
    /// <param name="Email">The invitee's address.</param>
    public sealed record Acknowledged(Guid Id, string AccountId, string Email);

    /// <summary>An invitation an accept answered 2xx for.</summary>
    /// <param name="Id">The invitation.</param>
    /// <param name="AccountId">The account.</param>
    /// <param name="UserId">The user who accepted.</param>
    public sealed record Accepted(Guid Id, string AccountId, string UserId);

    /// <summary>Answers by operation and status (<c>invite 200</c>, <c>invite 409 UserLimitExceeded</c>, <c>accept 500</c>…).</summary>
    public ConcurrentDictionary<string, int> Answers { get; } = new(StringComparer.Ordinal);

    /// <summary>Latencies of 2xx invites, in milliseconds.</summary>
    public ConcurrentBag<double> InviteLatencies { get; } = [];

    /// <summary>Latencies of 2xx accepts, in milliseconds.</summary>
    public ConcurrentBag<double> AcceptLatencies { get; } = [];

    /// <summary>Invitations the invites acknowledged.</summary>
    public ConcurrentBag<Acknowledged> Invitations { get; } = [];

    /// <summary>Invitations the accepts acknowledged.</summary>
    public ConcurrentBag<Accepted> Acceptances { get; } = [];

    /// <summary>How long the phase ran.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>Requests sent (not the test hook's).</summary>
    public int Requests => Answers.Values.Sum();

    /// <summary>Answers that are neither 2xx nor a seat refusal (409 UserLimitExceeded, expected in the tight accounts).</summary>
    public IEnumerable<KeyValuePair<string, int>> Unexpected =>
        Answers.Where(a => !a.Key.EndsWith(" 200", StringComparison.Ordinal) && !a.Key.EndsWith(" 409 UserLimitExceeded", StringComparison.Ordinal));

    /// <summary>The figures, one line each.</summary>
    public string Summary()
    {
        var seconds = Elapsed.TotalSeconds;
        return string.Join(Environment.NewLine,
            string.Create(CultureInfo.InvariantCulture, $"elapsed {seconds:F1} s, {Requests} requests ({Requests / seconds:F0}/s)"),
            Line("invites", InviteLatencies, seconds, $", {Invitations.Count} invitations ({Invitations.Count / seconds:F0}/s)"),
            Line("accepts", AcceptLatencies, seconds, string.Empty),
            "answers: " + string.Join(", ", Answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value}")));
    }

    /// <summary>The <paramref name="percentile"/>th percentile (nearest rank) of <paramref name="values"/>; 0 when empty.</summary>
    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static string Line(string name, ConcurrentBag<double> latencies, double seconds, string extra) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{name}: {latencies.Count} ok ({latencies.Count / seconds:F0}/s){extra}, p50 {Percentile(latencies, 50):F1} ms, p99 {Percentile(latencies, 99):F1} ms");
}
