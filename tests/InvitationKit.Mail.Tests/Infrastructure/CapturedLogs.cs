using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace InvitationKit.Mail.Tests.Infrastructure;

/// <summary>Keeps every log entry, with its exception as text, to check what the logs reveal.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(EventId Id, string Text)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Entries.Enqueue((eventId, formatter(state, exception) + "\n" + exception));
    }
}
