using NodaTime;

namespace InvitationKit.Testing;

/// <summary>
/// A clock under the test's control: it stands still until told to <see cref="Advance"/>, <see cref="Reset"/>,
/// or to move by <see cref="AutoAdvance"/> after every read.
/// </summary>
/// <threadsafety>This type is thread-safe.</threadsafety>
public sealed class FakeClock : IClock
{
    private readonly Lock _gate = new();
    private Instant _now;
    private Duration _autoAdvance;

    /// <summary>Creates a clock standing at <paramref name="initial"/>.</summary>
    /// <param name="initial">The first instant the clock reports.</param>
    /// <param name="autoAdvance">How far the clock moves after each read; zero by default.</param>
    public FakeClock(Instant initial, Duration autoAdvance = default)
    {
        _now = initial;
        _autoAdvance = autoAdvance;
    }

    /// <summary>A clock at 2026-01-01T00:00:00Z.</summary>
    /// <returns>A new clock.</returns>
    public static FakeClock Default() => new(Instant.FromUtc(2026, 1, 1, 0, 0));

    /// <summary>How far the clock moves after each read.</summary>
    public Duration AutoAdvance
    {
        get { lock (_gate) { return _autoAdvance; } }
        set { lock (_gate) { _autoAdvance = value; } }
    }

    /// <inheritdoc />
    public Instant GetCurrentInstant()
    {
        lock (_gate)
        {
            var now = _now;
            _now += _autoAdvance;
            return now;
        }
    }

    /// <summary>Moves the clock forward (or back, for a negative duration).</summary>
    /// <param name="duration">How far.</param>
    public void Advance(Duration duration)
    {
        lock (_gate)
        {
            _now += duration;
        }
    }

    /// <summary>Sets the clock to an instant.</summary>
    /// <param name="instant">The new instant.</param>
    public void Reset(Instant instant)
    {
        lock (_gate)
        {
            _now = instant;
        }
    }

    /// <summary>Returns the current instant without advancing.</summary>
    /// <returns>A description of the clock.</returns>
    public override string ToString()
    {
        lock (_gate)
        {
            return $"FakeClock({_now})";
        }
    }
}
