using System.Data.Common;
using System.Diagnostics;
using System.Text;
using BlazorChat.Core.Data;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Bench;

/// <summary>One kind of query the benchmark times, e.g. "single word" or "word + from:".</summary>
internal sealed record QueryKind(string Name, SearchOrder Order, Func<Task<string>> Next);

/// <summary>
/// Times <see cref="MessageSearch.SearchAsync(Guid, SearchQuery, SearchOrder, string?, int, CancellationToken)"/>
/// end to end (rooms the searcher may read, the index query, loading the page's messages) for
/// typical queries by random people, reports p50/p95 per kind, and EXPLAINs each kind's statement
/// to show that no plan reads the whole Messages table.
/// </summary>
internal sealed class SearchBenchmark(IDbContextFactory<ChatDbContext> dbFactory, MessageSearch search)
{
    public async Task<string> RunAsync(int iterations, string plansPath)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var postgres = db.Database.IsNpgsql();
        var messageCount = await db.Messages.CountAsync();
        var people = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName }).ToListAsync();
        var publicRooms = await db.Rooms.AsNoTracking().Where(r => r.Kind == RoomKind.PublicChannel).Select(r => new { r.Id, r.Slug, r.LastSeq }).ToListAsync();
        var corpus = new Corpus(20261205);
        var random = new Random(7);
        string Ranked(int from, int to) => corpus.Vocabulary[random.Next(from, to)];
        var span = (CorpusSeeder.End - CorpusSeeder.Start).Days;
        string Day() => DateOnly.FromDateTime(CorpusSeeder.Start.AddDays(random.Next(span)).UtcDateTime).ToString("yyyy-MM-dd");
        async Task<string> Phrase()
        {
            // Two neighbouring words of a real message, so the phrase occurs at least once.
            while (true)
            {
                var room = publicRooms[random.Next(publicRooms.Count)];
                if (room.LastSeq == 0) continue;
                var seq = random.NextInt64(1, room.LastSeq + 1);
                var body = await db.Messages.AsNoTracking().Where(m => m.RoomId == room.Id && m.Seq == seq).Select(m => m.Body).SingleAsync();
                var words = body.ToLowerInvariant().Split(' ').Where(w => w.All(char.IsAsciiLetter)).ToArray();
                if (words.Length < 2) continue;
                var at = random.Next(words.Length - 1);
                return $"\"{words[at]} {words[at + 1]}\"";
            }
        }

        // Single words drawn from ranks 10-2000: from words in one message of ~50 to one in ~5,000;
        // filters are paired with commoner words (ranks 10-300), so that they have something to narrow.
        var kinds = new List<QueryKind>
        {
            new("single word", SearchOrder.Newest, () => Task.FromResult(Ranked(10, 2000))),
            new("single rare word (rank 5k-50k)", SearchOrder.Newest, () => Task.FromResult(Ranked(5000, 50_000))),
            new("two words", SearchOrder.Newest, () => Task.FromResult($"{Ranked(10, 500)} {Ranked(10, 500)}")),
            new("phrase", SearchOrder.Newest, Phrase),
            new("word + from:@user", SearchOrder.Newest, () => Task.FromResult($"{Ranked(10, 300)} from:@{people[random.Next(people.Count)].UserName}")),
            new("word + in:#room", SearchOrder.Newest, () => Task.FromResult($"{Ranked(10, 300)} in:#{publicRooms[random.Next(publicRooms.Count)].Slug}")),
            new("word + on:date", SearchOrder.Newest, () => Task.FromResult($"{Ranked(10, 300)} on:{Day()}")),
            new("word + after:/before: (a week)", SearchOrder.Newest, () =>
            {
                var day = DateOnly.FromDateTime(CorpusSeeder.Start.AddDays(random.Next(span - 7)).UtcDateTime);
                return Task.FromResult($"{Ranked(10, 300)} after:{day:yyyy-MM-dd} before:{day.AddDays(8):yyyy-MM-dd}");
            }),
            new("from:@user only", SearchOrder.Newest, () => Task.FromResult($"from:@{people[random.Next(people.Count)].UserName}")),
            new("single word, by relevance", SearchOrder.Relevance, () => Task.FromResult(Ranked(10, 2000))),
            new("two words, by relevance", SearchOrder.Relevance, () => Task.FromResult($"{Ranked(10, 500)} {Ranked(10, 500)}")),
            new("phrase, by relevance", SearchOrder.Relevance, Phrase),
        };

        var report = new StringBuilder();
        report.AppendLine($"{messageCount:N0} messages, {people.Count:N0} people, {iterations} queries per kind, each by a random person (p50/p95 in ms, end to end).");
        report.AppendLine();
        report.AppendLine("| query | p50 ms | p95 ms | max ms | avg results | a plan reads (most of) the Messages table? (6 EXPLAINed: first 5 and slowest) |");
        report.AppendLine("|---|---:|---:|---:|---:|---|");
        var plans = new StringBuilder();

        // Warm up the caches and the JIT with queries that are not measured.
        for (var i = 0; i < 20; i++)
            await search.SearchAsync(people[random.Next(people.Count)].Id, Ranked(10, 2000), TimeZoneInfo.Utc);

        foreach (var kind in kinds)
        {
            var times = new List<double>();
            var found = 0;
            var scans = 0;
            (double Ms, Guid Viewer, SearchQuery Query) slowest = (0, Guid.Empty, search.Parse("", TimeZoneInfo.Utc));
            for (var i = 0; i < iterations; i++)
            {
                var viewer = people[random.Next(people.Count)].Id;
                var query = search.Parse(await kind.Next(), TimeZoneInfo.Utc);
                var watch = Stopwatch.StartNew();
                var results = await search.SearchAsync(viewer, query, kind.Order);
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (watch.Elapsed.TotalMilliseconds > slowest.Ms) slowest = (watch.Elapsed.TotalMilliseconds, viewer, query);
                found += results.Items.Count;
                // EXPLAIN ANALYZE the first five of each kind; the first goes into the plans file.
                if (i < 5)
                {
                    var plan = await ExplainAsync(db, postgres, viewer, query, kind.Order);
                    if (ReadsWholeMessagesTable(plan, postgres)) scans++;
                    if (i == 0) plans.AppendLine($"### {kind.Name}: `{query.Text}`").AppendLine().AppendLine("```").AppendLine(plan.TrimEnd()).AppendLine("```").AppendLine();
                }
            }
            // And the slowest of the kind, whose plan explains the tail.
            var slowestPlan = await ExplainAsync(db, postgres, slowest.Viewer, slowest.Query, kind.Order);
            if (ReadsWholeMessagesTable(slowestPlan, postgres)) scans++;
            plans.AppendLine($"### {kind.Name}, slowest ({slowest.Ms:F0} ms end to end): `{slowest.Query.Text}`").AppendLine()
                .AppendLine("```").AppendLine(slowestPlan.TrimEnd()).AppendLine("```").AppendLine();
            times.Sort();
            report.AppendLine($"| {kind.Name} | {Percentile(times, 0.50):F1} | {Percentile(times, 0.95):F1} | {times[^1]:F1} | {(double)found / iterations:F1} | {(scans == 0 ? "no" : $"YES ({scans} of 6)")} |");
            Console.WriteLine($"  {kind.Name}: p50 {Percentile(times, 0.50):F1} ms, p95 {Percentile(times, 0.95):F1} ms");
        }
        await File.WriteAllTextAsync(plansPath, plans.ToString());
        return report.ToString();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>
    /// A sequential scan of Messages, or (PostgreSQL) an index walk that threw away more than
    /// 100,000 rows: reading most of the table through an index is no better than scanning it.
    /// </summary>
    private static bool ReadsWholeMessagesTable(string plan, bool postgres) => postgres
        ? plan.Contains("Seq Scan on \"Messages\"", StringComparison.Ordinal)
          || System.Text.RegularExpressions.Regex.Matches(plan, @"Rows Removed by Filter: (\d+)").Any(m => long.Parse(m.Groups[1].Value) > 100_000)
        : plan.Split('\n').Any(line => line.Contains("SCAN m", StringComparison.Ordinal) && !line.Contains("USING", StringComparison.Ordinal));

    private static async Task<string> ExplainAsync(ChatDbContext db, bool postgres, Guid viewer, SearchQuery query, SearchOrder order)
    {
        var (plan, _) = await MessageSearch.PlanAsync(db, viewer, query, order, null, MessageSearch.PageSize, CancellationToken.None);
        if (plan is null) return "(nothing to run: the query cannot match)";
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = postgres ? PostgresMessageIndex.BuildCommand(plan) : connection.CreateCommand();
        command.Connection = connection;
        if (!postgres) SqliteMessageIndex.Build(command, plan, SqliteMessageIndex.MatchExpression(query));
        command.CommandText = (postgres ? "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " : "EXPLAIN QUERY PLAN ") + command.CommandText;
        var lines = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.AppendLine(reader.GetString(postgres ? 0 : 3));
        // The searcher's readable rooms make a long array; the plan is what matters.
        return System.Text.RegularExpressions.Regex.Replace(lines.ToString(), @"'\{[0-9a-f,\-]{100,}\}'", m => $"'{{…{m.Value.Count(c => c == ',') + 1} ids…}}'");
    }
}
