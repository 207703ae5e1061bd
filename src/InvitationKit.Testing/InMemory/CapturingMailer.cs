using InvitationKit.Ports;

namespace InvitationKit.Testing;

/// <summary>
/// An <see cref="IInvitationMailer"/> that keeps every message instead of sending it, so tests and samples can read the
/// link secret and OTP; it can be told to fail.
/// </summary>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class CapturingMailer : IInvitationMailer
{
    private readonly Lock _gate = new();
    private readonly List<InvitationMessage> _sent = [];

    /// <summary>When set, decides per message whether sending throws (a simulated mail outage).</summary>
    public Func<InvitationMessage, bool>? FailWhen { get; set; }

    /// <summary>Every message sent successfully, oldest first (a snapshot).</summary>
    public IReadOnlyList<InvitationMessage> Sent
    {
        get { lock (_gate) { return [.. _sent]; } }
    }

    /// <summary>The most recent message to an address.</summary>
    /// <param name="email">The recipient.</param>
    /// <returns>The message.</returns>
    /// <exception cref="InvalidOperationException">No message was sent to the address.</exception>
    public InvitationMessage LastTo(string email)
    {
        var key = EmailAddress.Parse(email).Key;
        lock (_gate)
        {
            return _sent.LastOrDefault(m => m.Recipient.Key == key)
                ?? throw new InvalidOperationException($"No invitation was mailed to {email}.");
        }
    }

    /// <summary>Forgets every captured message.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _sent.Clear();
        }
    }

    /// <inheritdoc />
    public Task SendAsync(InvitationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        if (FailWhen?.Invoke(message) == true)
        {
            throw new InvalidOperationException($"Simulated mail failure for invitation {message.InvitationId}.");
        }

        lock (_gate)
        {
            _sent.Add(message);
        }

        return Task.CompletedTask;
    }
}
