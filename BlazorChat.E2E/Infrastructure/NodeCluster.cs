using System.Diagnostics;
using System.Text;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.E2E.Infrastructure;

/// <summary>
/// Two BlazorChat nodes on one fresh PostgreSQL database and one redis-server of their own, behind
/// nginx (Debian's) with sticky sessions configured by deploy/nginx/blazorchat.conf.template, the
/// file docker-compose.yml uses. Everything listens on loopback, on free ports, in a temp dir.
/// </summary>
public sealed class NodeCluster : IAsyncLifetime
{
    public const string NodeA = "node-a";
    public const string NodeB = "node-b";

    private readonly string _dir = Directory.CreateTempSubdirectory("blazorchat-cluster-").FullName;
    private readonly StringBuilder _nginxOutput = new();
    private Process? _nginx;

    public RedisServer Redis { get; } = new();
    public AppServer A { get; private set; } = default!;
    public AppServer B { get; private set; } = default!;
    public int Port { get; } = AppServer.FreePort();
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        var database = TestPostgres.NewDatabase("bc_cluster");
        // Each node has a data directory of its own: the data-protection keys are in the database, so a
        // person moved to the other node stays signed in with what the first node issued.
        Dictionary<string, string> Settings(string node) => new()
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Chat"] = database,
            ["Redis__Connection"] = Redis.ConnectionString,
            ["BlazorChat__NodeId"] = node,
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            // What the bus does (connections lost and back, resyncs) shows in the test output.
            ["Logging__LogLevel__BlazorChat.Core.Events"] = "Information",
            ["Logging__LogLevel__BlazorChat.Core.Presence"] = "Information",
        };
        A = new AppServer(Settings(NodeA));
        B = new AppServer(Settings(NodeB));
        // One after the other: the first creates the database and applies the migrations.
        await A.StartAsync();
        await B.StartAsync();
        await StartNginxAsync();
    }

    private async Task StartNginxAsync()
    {
        var template = await File.ReadAllTextAsync(Path.Combine(AppServer.RepositoryRoot, "deploy", "nginx", "blazorchat.conf.template"));
        var site = Render(template, new Dictionary<string, string>
        {
            ["BLAZORCHAT_LISTEN"] = $"127.0.0.1:{Port}",
            ["BLAZORCHAT_NODE_A_ID"] = NodeA,
            ["BLAZORCHAT_NODE_A"] = $"127.0.0.1:{A.Port}",
            ["BLAZORCHAT_NODE_B_ID"] = NodeB,
            ["BLAZORCHAT_NODE_B"] = $"127.0.0.1:{B.Port}",
        });
        await File.WriteAllTextAsync(Path.Combine(_dir, "blazorchat.conf"), site);
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }) Directory.CreateDirectory(Path.Combine(_dir, temp));
        await File.WriteAllTextAsync(Path.Combine(_dir, "nginx.conf"), $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 1;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{_dir}}/client_body;
                proxy_temp_path {{_dir}}/proxy;
                fastcgi_temp_path {{_dir}}/fastcgi;
                uwsgi_temp_path {{_dir}}/uwsgi;
                scgi_temp_path {{_dir}}/scgi;
                include {{_dir}}/blazorchat.conf;
            }
            """);
        var start = new ProcessStartInfo("/usr/sbin/nginx", ["-p", _dir, "-e", Path.Combine(_dir, "error.log"), "-c", Path.Combine(_dir, "nginx.conf"), "-g", "daemon off;"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _nginx = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start (is Debian's nginx installed?)");
        _nginx.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_nginxOutput) _nginxOutput.AppendLine(e.Data); };
        _nginx.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_nginxOutput) _nginxOutput.AppendLine(e.Data); };
        _nginx.BeginErrorReadLine();
        _nginx.BeginOutputReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (DateTime.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
            if (_nginx.HasExited) throw new InvalidOperationException($"nginx exited with code {_nginx.ExitCode}: {NginxOutput}");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health/live")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
        }
        throw new TimeoutException($"nginx did not answer on {BaseUrl}: {NginxOutput}");
    }

    private string NginxOutput
    {
        get
        {
            lock (_nginxOutput) return _nginxOutput + (File.Exists(Path.Combine(_dir, "error.log")) ? File.ReadAllText(Path.Combine(_dir, "error.log")) : "");
        }
    }

    /// <summary>Fills in <c>${NAME}</c> placeholders as envsubst does, leaving nginx's own <c>$variables</c> alone.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values) template = template.Replace("${" + name + "}", value, StringComparison.Ordinal);
        return template;
    }

    /// <summary>The bc_node cookie that makes a browser stick to <paramref name="node"/>.</summary>
    public Cookie StickTo(string node) => new() { Name = "bc_node", Value = node, Url = BaseUrl };

    public async Task DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            // The tree: a worker left behind would hold the output pipes open, and with them this wait.
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }
        _nginx?.Dispose();
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        Redis.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
