using System.Diagnostics;
using BlazorChat.Core.Data;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Bench;

/// <summary>The sizes of a generated corpus.</summary>
public sealed record CorpusSize(int Messages, int Users, int PublicRooms, int PrivateRooms, int Seed = 20261205);

/// <summary>
/// Fills an empty, migrated database with a <see cref="Corpus"/>: people, public and private
/// rooms with members, and messages with rendered HTML, sequence numbers per room and times over
/// two years. Rows go in by bulk load (binary COPY on PostgreSQL), not through EF one by one;
/// PostgreSQL's GIN index is built once after the load, as a restore would.
/// </summary>
internal sealed class CorpusSeeder(IDbContextFactory<ChatDbContext> dbFactory, MarkdownRenderer markdown)
{
    public static readonly DateTimeOffset End = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Start = End.AddDays(-730);

    public async Task SeedAsync(CorpusSize size)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Messages.AnyAsync()) throw new InvalidOperationException("The database already holds messages; seed an empty one.");
        var postgres = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var clock = Stopwatch.StartNew();
        var corpus = new Corpus(size.Seed);
        var random = corpus.Random;

        // People.
        var users = new Guid[size.Users];
        var usernames = new string[size.Users];
        await using (var table = await BulkWriter.OpenAsync(connection, "AspNetUsers", "Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
                         "EmailConfirmed", "DisplayName", "CreatedAt", "HideOnlineStatus", "HideLastSeen", "DoNotDisturb", "SecurityStamp", "ConcurrencyStamp",
                         "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "TimeZoneChosen", "Theme", "NotificationDefault"))
        {
            for (var i = 0; i < size.Users; i++)
            {
                var (username, displayName) = Corpus.Person(i);
                users[i] = Guid.CreateVersion7(Start);
                usernames[i] = username;
                var email = $"{username}@example.test";
                await table.WriteAsync(users[i], username, username.ToUpperInvariant(), email, email.ToUpperInvariant(), true, displayName, Start,
                    false, false, false, Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString(), false, false, true, 0, false, 0, 0);
            }
            await table.CompleteAsync();
        }
        Console.WriteLine($"  {size.Users:N0} people ({clock.Elapsed.TotalSeconds:F0} s)");

        // Rooms: which room each message goes to is drawn first, so each room's LastSeq is known.
        var roomCount = size.PublicRooms + size.PrivateRooms;
        var messageRooms = new int[size.Messages];
        var perRoom = new long[roomCount];
        for (var i = 0; i < size.Messages; i++) perRoom[messageRooms[i] = corpus.Skewed(roomCount)]++;
        var rooms = new Guid[roomCount];
        var owners = new int[roomCount];
        await using (var table = await BulkWriter.OpenAsync(connection, "Rooms", "Id", "Slug", "Name", "Topic", "Kind", "CreatedById", "CreatedAt",
                         "IsArchived", "PostingPolicy", "MemberLimit", "LastSeq"))
        {
            for (var r = 0; r < roomCount; r++)
            {
                rooms[r] = Guid.CreateVersion7(Start);
                owners[r] = random.Next(size.Users);
                var name = corpus.RoomName(r);
                // Busy rooms alternate between public and private, so both kinds have busy ones.
                var kind = r < size.PrivateRooms * 2 && r % 2 == 1 ? RoomKind.PrivateChannel : RoomKind.PublicChannel;
                await table.WriteAsync(rooms[r], name, name, $"About {corpus.Word()} and {corpus.Word()}", (int)kind, users[owners[r]], Start,
                    false, (int)PostingPolicy.Everyone, 10_000, perRoom[r]);
            }
            await table.CompleteAsync();
        }

        // Members: everyone is in a dozen or so rooms, popular ones likelier; owners in their own.
        var members = new List<int>[roomCount];
        for (var r = 0; r < roomCount; r++) members[r] = [owners[r]];
        for (var u = 0; u < size.Users; u++)
        {
            var joins = 6 + random.Next(14);
            for (var j = 0; j < joins; j++)
            {
                var r = corpus.Skewed(roomCount, 2.0);
                if (!members[r].Contains(u)) members[r].Add(u);
            }
        }
        var memberships = 0;
        await using (var table = await BulkWriter.OpenAsync(connection, "RoomMembers", "RoomId", "UserId", "Role", "JoinedAt", "LastReadSeq",
                         "IsFavourite", "NotificationLevel"))
        {
            for (var r = 0; r < roomCount; r++)
            {
                foreach (var u in members[r])
                {
                    await table.WriteAsync(rooms[r], users[u], (int)(u == owners[r] ? RoomRole.Owner : RoomRole.Member), Start, perRoom[r], false, 0);
                    memberships++;
                }
            }
            await table.CompleteAsync();
        }
        Console.WriteLine($"  {roomCount:N0} rooms ({size.PrivateRooms:N0} private), {memberships:N0} memberships ({clock.Elapsed.TotalSeconds:F0} s)");

        // Messages, in time order; the GIN index is built after the load.
        if (postgres) await BulkWriter.ExecuteAsync(connection, $"DROP INDEX IF EXISTS \"{SearchSchema.VectorIndex}\"");
        var seq = new long[roomCount];
        var gap = (End - Start).TotalMilliseconds / size.Messages;
        var time = Start;
        await using (var table = await BulkWriter.OpenAsync(connection, "Messages", "Id", "RoomId", "Seq", "AuthorId", "ClientMessageId", "Body",
                         "BodyHtml", "CreatedAt", "DeletedAt", "ReplyCount", "PinnedAt", "MentionsRoom", "HasLink"))
        {
            for (var i = 0; i < size.Messages; i++)
            {
                time = time.AddMilliseconds(gap * (0.5 + random.NextDouble()));
                var r = messageRooms[i];
                var author = members[r][random.Next(members[r].Count)];
                var body = corpus.Message(usernames);
                var html = markdown.Render(body);
                var roll = random.NextDouble();
                await table.WriteAsync(Guid.CreateVersion7(time), rooms[r], ++seq[r], users[author], Guid.NewGuid(), body, html, time,
                    roll < 0.01 ? time.AddMinutes(5) : null, 0, roll > 0.9995 ? time.AddHours(1) : null, false, MarkdownRenderer.ContainsLink(html));
                if ((i + 1) % 100_000 == 0) Console.WriteLine($"  {i + 1:N0} messages ({clock.Elapsed.TotalSeconds:F0} s)");
            }
            await table.CompleteAsync();
        }
        if (postgres)
        {
            Console.WriteLine("  building the GIN index…");
            await BulkWriter.ExecuteAsync(connection, "SET maintenance_work_mem = '512MB'");
            await BulkWriter.ExecuteAsync(connection, SearchSchema.PostgresUp[1]);
            await BulkWriter.ExecuteAsync(connection, "VACUUM ANALYZE");
        }
        else
        {
            await BulkWriter.ExecuteAsync(connection, $"INSERT INTO \"{SearchSchema.FtsTable}\"(\"{SearchSchema.FtsTable}\") VALUES ('optimize')");
            await BulkWriter.ExecuteAsync(connection, "ANALYZE");
        }
        Console.WriteLine($"Seeded {size.Messages:N0} messages in {clock.Elapsed.TotalSeconds:F0} s.");
    }
}
