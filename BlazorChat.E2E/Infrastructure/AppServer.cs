using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace BlazorChat.E2E.Infrastructure;

/// <summary>
/// BlazorChat running as its own process on real Kestrel, in Production, over plain HTTP, with its
/// own data directory: the way a person or a load balancer starts it.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, string> _environment;
    private Process? _process;

    /// <param name="environment">Settings for the process (environment variable names).</param>
    /// <param name="dataDirectory">A data directory to use (e.g. one shared by several nodes); a new temporary one when null.</param>
    public AppServer(IDictionary<string, string>? environment = null, string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("blazorchat-e2e-").FullName;
        Port = FreePort();
        _environment = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>What the server printed so far, for failure messages.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts the server and waits until it answers its liveness check.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(WebAssemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WebAssemblyPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["BlazorChat__DataDirectory"] = DataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in _environment) start.Environment[key] = value;

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (DateTime.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"BlazorChat exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health/live")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
        }
        throw new TimeoutException($"BlazorChat did not answer on {BaseUrl} within 60 s:\n{Output}");
    }

    /// <summary>Asks the process to stop (SIGTERM, as a deploy or a rolling restart does) and waits for it to be gone.</summary>
    public async Task StopGracefullyAsync()
    {
        if (_process is null || _process.HasExited) return;
        await SignalStopAsync();
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM without waiting for the process to end (it drains first).</summary>
    public async Task SignalStopAsync()
    {
        if (_process is null || _process.HasExited) return;
        using var signal = Process.Start("kill", ["-TERM", _process.Id.ToString()])!;
        await signal.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("The server was never started.");
        await process.WaitForExitAsync().WaitAsync(timeout);
        return process.ExitCode;
    }

    /// <summary>Stops the process (as a crash or a deploy would) and waits for it to be gone.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    /// <summary>The Web project's build output of the same configuration as this test assembly.</summary>
    private static string WebAssemblyPath
    {
        get
        {
            var configuration = typeof(AppServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var root = RepositoryRoot;
            var path = Path.Combine(root, "BlazorChat.Web", "bin", configuration, "net10.0", "BlazorChat.Web.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build BlazorChat.Web ({configuration}) first.", path);
        }
    }

    /// <summary>The checkout this test assembly was built from (where BlazorChat.sln is).</summary>
    internal static string RepositoryRoot => FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BlazorChat.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("BlazorChat.sln not found above " + AppContext.BaseDirectory);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
