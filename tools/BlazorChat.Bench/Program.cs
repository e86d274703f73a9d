using BlazorChat.Bench;
using BlazorChat.Core;
using BlazorChat.Core.Data;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage:
//   BlazorChat.Bench seed  --provider postgres|sqlite --connection CS [--messages N] [--users N] [--public-rooms N] [--private-rooms N]
//   BlazorChat.Bench bench --provider postgres|sqlite --connection CS [--iterations N] [--plans FILE]
//   BlazorChat.Bench load-seed --provider postgres|sqlite --connection CS --out FILE [--users N] [--rooms N] [--room-size N]
//                              [--large-room N] [--history N]
//   BlazorChat.Bench images [--iterations N]     CPU time of the image pipeline on a 4000×3000 JPEG (no database)
// tools/bench-search.sh runs the first two against a throwaway PostgreSQL (or a SQLite file);
// tools/loadtest/run.sh runs load-seed before it starts the app.
if (args.Length == 0 || args[0] is not ("seed" or "bench" or "load-seed" or "images"))
{
    Console.Error.WriteLine("usage: BlazorChat.Bench seed|bench|load-seed --provider postgres|sqlite --connection CONNECTION_STRING [options]");
    Console.Error.WriteLine("       BlazorChat.Bench images [--iterations N]");
    return 2;
}
var options = new Dictionary<string, string>();
for (var i = 1; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
int Option(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
if (args[0] == "images")
{
    Console.WriteLine(await ImageBenchmark.RunAsync(Option("iterations", 10)));
    return 0;
}
var provider = options.GetValueOrDefault("provider", "postgres");
var connection = options.GetValueOrDefault("connection") ?? throw new ArgumentException("--connection is required");

var dataDirectory = Directory.CreateTempSubdirectory("blazorchat-bench-").FullName;
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = dataDirectory });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["BlazorChat:DataDirectory"] = dataDirectory,
    ["Database:Provider"] = provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase) ? "Sqlite" : "Postgres",
    ["ConnectionStrings:Chat"] = connection,
});
builder.AddChatCore();
// Background jobs of the core start before the migrator has built a fresh schema and complain once; the seeding itself throws on failure.
builder.Services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Error).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None));
builder.Services.AddSingleton<CorpusSeeder>();
builder.Services.AddSingleton<SearchBenchmark>();
builder.Services.AddSingleton<LoadSeeder>();
using var host = builder.Build();
await host.StartAsync(); // migrates

try
{
    if (args[0] == "seed")
    {
        var size = new CorpusSize(Option("messages", 1_000_000), Option("users", 5_000), Option("public-rooms", 900), Option("private-rooms", 300));
        Console.WriteLine($"Seeding {size.Messages:N0} messages ({provider})…");
        await host.Services.GetRequiredService<CorpusSeeder>().SeedAsync(size);
    }
    else if (args[0] == "load-seed")
    {
        var size = new LoadSize(Option("users", 5_000), Option("rooms", 50), Option("room-size", 20), Option("large-room", 5_000), Option("history", 1_000_000));
        var output = options.GetValueOrDefault("out") ?? throw new ArgumentException("--out is required");
        Console.WriteLine($"Seeding {size.Users:N0} people, {size.Rooms} rooms of {size.RoomSize}, a room of {size.LargeRoomMembers:N0} " +
                          $"and {size.HistoryMessages:N0} history messages ({provider})…");
        await host.Services.GetRequiredService<LoadSeeder>().SeedAsync(size, output);
    }
    else
    {
        var plans = options.GetValueOrDefault("plans", Path.Combine(Directory.GetCurrentDirectory(), "search-plans.md"));
        Console.WriteLine($"Benchmarking search ({provider})…");
        var report = await host.Services.GetRequiredService<SearchBenchmark>().RunAsync(Option("iterations", 100), plans);
        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"Query plans: {plans}");
    }
}
finally
{
    await host.StopAsync();
    Directory.Delete(dataDirectory, recursive: true);
}
return 0;
