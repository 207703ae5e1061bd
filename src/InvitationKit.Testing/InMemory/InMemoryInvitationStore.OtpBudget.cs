using InvitationKit.Ports;
using NodaTime;

namespace InvitationKit.Testing;

/// <summary>The <see cref="IOtpBudgetStore"/> role: each address's one-time-password failure budget.</summary>
public sealed partial class InMemoryInvitationStore : IOtpBudgetStore
{
    /// <summary>Every address's one-time-password failure count (a snapshot, by email key), for assertions.</summary>
    public IReadOnlyDictionary<string, OtpFailureCount> OtpFailures
    {
        get { lock (_gate) { return new Dictionary<string, OtpFailureCount>(_otpFailures, StringComparer.Ordinal); } }
    }

    /// <inheritdoc />
    public Task<OtpAttemptReservation> TryReserveOtpAttemptAsync(string emailKey, SecretHash attempt, OtpFailureBudget budget, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        ArgumentNullException.ThrowIfNull(budget);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var reservation = budget.TryReserve(_otpFailures.GetValueOrDefault(emailKey), attempt, now, out var next);
            if (reservation.Reserved)
            {
                _otpFailures[emailKey] = next!;
            }

            return Task.FromResult(reservation);
        }
    }

    /// <inheritdoc />
    public Task ReleaseOtpAttemptAsync(string emailKey, SecretHash attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        lock (_gate)
        {
            if (_otpFailures.TryGetValue(emailKey, out var count))
            {
                _otpFailures[emailKey] = count.Release(attempt);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> DeleteLapsedOtpFailuresAsync(OtpFailureBudget budget, Instant windowStartedBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var lapsed = _otpFailures.Where(f => budget.CanForget(f.Value, windowStartedBefore)).Select(f => f.Key).ToList();
            lapsed.ForEach(key => _otpFailures.Remove(key));
            return Task.FromResult(lapsed.Count);
        }
    }
}
