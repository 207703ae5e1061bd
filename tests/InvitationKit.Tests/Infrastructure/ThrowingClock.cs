namespace InvitationKit.Tests.Infrastructure;

/// <summary>A fake clock that counts its reads and can be made to throw at the k-th read from now.</summary>
internal sealed class ThrowingClock(FakeClock inner) : IClock
{
    private readonly Lock _gate = new();
    private int _reads;
    private int? _throwAt;

    /// <summary>Reads counted since <see cref="Arm"/> or <see cref="Count"/>.</summary>
    public int Reads
    {
        get { lock (_gate) { return _reads; } }
    }

    /// <summary>Counts reads without throwing.</summary>
    public void Count()
    {
        lock (_gate)
        {
            (_reads, _throwAt) = (0, null);
        }
    }

    /// <summary>Throws at the k-th read (1-based) from now.</summary>
    public void Arm(int k)
    {
        lock (_gate)
        {
            (_reads, _throwAt) = (0, k);
        }
    }

    /// <summary>Stops throwing.</summary>
    public void Disarm()
    {
        lock (_gate)
        {
            _throwAt = null;
        }
    }

    public Instant GetCurrentInstant()
    {
        lock (_gate)
        {
            if (++_reads == _throwAt)
            {
                throw new InvalidOperationException("Injected clock failure.");
            }
        }

        return inner.GetCurrentInstant();
    }
}
