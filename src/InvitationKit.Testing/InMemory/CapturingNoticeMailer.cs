using InvitationKit.Ports;

namespace InvitationKit.Testing;

/// <summary>
/// An <see cref="IInvitationNoticeMailer"/> that keeps every notice instead of sending it, so tests and samples can read
/// who was told what; it can be told to fail.
/// </summary>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class CapturingNoticeMailer : IInvitationNoticeMailer
{
    private readonly Lock _gate = new();
    private readonly List<InvitationNotice> _sent = [];

    /// <summary>When set, decides per notice whether sending throws (a simulated mail outage).</summary>
    public Func<InvitationNotice, bool>? FailWhen { get; set; }

    /// <summary>Every notice sent successfully, oldest first (a snapshot).</summary>
    public IReadOnlyList<InvitationNotice> Sent
    {
        get { lock (_gate) { return [.. _sent]; } }
    }

    /// <summary>Forgets every captured notice.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _sent.Clear();
        }
    }

    /// <inheritdoc />
    public Task SendAsync(InvitationNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        cancellationToken.ThrowIfCancellationRequested();
        if (FailWhen?.Invoke(notice) == true)
        {
            throw new InvalidOperationException($"Simulated notice failure for invitation {notice.InvitationId}.");
        }

        lock (_gate)
        {
            _sent.Add(notice);
        }

        return Task.CompletedTask;
    }
}
