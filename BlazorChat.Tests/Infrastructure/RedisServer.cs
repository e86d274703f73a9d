using System.Diagnostics;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>
/// A redis-server of the test's own (Debian's package) on a free loopback port, which the test may
/// stop and start again on the same port: the shared one of the run must stay up for other tests.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private Process? _process;

    public RedisServer() => Start();

    public int Port { get; } = LoopbackPort.Free();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public void Start()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start (is Debian's redis-server installed?)");
        var ready = new TaskCompletionSource();
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true) ready.TrySetResult();
        };
        _process.BeginOutputReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(20)))
            throw new InvalidOperationException($"redis-server did not come up on port {Port}");
    }

    public void Stop()
    {
        if (_process is null) return;
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Publishes a raw message on <paramref name="channel"/>, as any Redis client could.</summary>
    public static void PublishRaw(string connectionString, string channel, string message)
    {
        var (host, port) = (connectionString.Split(':')[0], connectionString.Split(':')[1]);
        using var cli = Process.Start(new ProcessStartInfo("redis-cli", ["-h", host, "-p", port, "PUBLISH", channel, message])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        cli.WaitForExit();
    }

    public void Dispose() => Stop();
}
