using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>One line a host logged.</summary>
public sealed record LoggedLine(string Category, LogLevel Level, EventId EventId, string Message);

/// <summary>Keeps what hosts log, for tests that assert on logs (what an operator reads).</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedLine> _lines = new();

    public IReadOnlyList<LoggedLine> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) provider._lines.Enqueue(new LoggedLine(category, logLevel, eventId, formatter(state, exception)));
        }
    }
}
