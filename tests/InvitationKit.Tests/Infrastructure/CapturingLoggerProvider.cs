using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace InvitationKit.Tests.Infrastructure;

/// <summary>Keeps every formatted log line (with exception text) so tests can prove no secret is ever logged.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(EventId Id, string Text)> _entries = new();

    public IReadOnlyList<(EventId Id, string Text)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            owner._entries.Enqueue((eventId, $"{formatter(state, exception)} | {structured} | {exception}"));
        }
    }
}
