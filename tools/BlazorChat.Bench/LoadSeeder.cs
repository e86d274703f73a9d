using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BlazorChat.Core.ApiAccess;
using BlazorChat.Core.Data;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Search;
using BlazorChat.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Bench;

/// <summary>The shape of the load-test data: people, the small rooms they share, one large room, one long room.</summary>
public sealed record LoadSize(int Users, int Rooms, int RoomSize, int LargeRoomMembers, int HistoryMessages);

/// <summary>
/// Seeds what <c>tools/loadtest</c> drives: <see cref="LoadSize.Users"/> people with one password
/// (hashed once, so thousands of accounts take seconds rather than minutes of PBKDF2) and a personal
/// access token each; rooms of <see cref="LoadSize.RoomSize"/> people (person i is in room i / size);
/// a public room with the first <see cref="LoadSize.LargeRoomMembers"/> people; and a room holding
/// <see cref="LoadSize.HistoryMessages"/> messages for the history pages. Writes the ids and secrets
/// the load tool needs as JSON.
/// </summary>
internal sealed class LoadSeeder(IDbContextFactory<ChatDbContext> dbFactory, MarkdownRenderer markdown)
{
    public const string Password = "load-test-passphrase-1";

    public async Task SeedAsync(LoadSize size, string outputPath)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Users.AnyAsync()) throw new InvalidOperationException("The database already holds people; seed an empty one.");
        var postgres = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var start = now.AddDays(-30);

        var passwordHash = new PasswordHasher<ChatUser>().HashPassword(new ChatUser(), Password);
        var users = new Guid[size.Users];
        var usernames = new string[size.Users];
        var tokens = new string[size.Users];
        await using (var table = await BulkWriter.OpenAsync(connection, "AspNetUsers", "Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
                         "EmailConfirmed", "PasswordHash", "DisplayName", "CreatedAt", "HideOnlineStatus", "HideLastSeen", "DoNotDisturb", "SecurityStamp",
                         "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "TimeZoneChosen", "Theme", "NotificationDefault"))
        {
            for (var i = 0; i < size.Users; i++)
            {
                users[i] = Guid.CreateVersion7(start);
                usernames[i] = $"load{i:D5}";
                var email = $"{usernames[i]}@example.test";
                await table.WriteAsync(users[i], usernames[i], usernames[i].ToUpperInvariant(), email, email.ToUpperInvariant(), true, passwordHash,
                    $"Load {i}", start, false, false, false, Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString(), false, false, true, 0, false, 0, 0);
            }
            await table.CompleteAsync();
        }
        await using (var table = await BulkWriter.OpenAsync(connection, "PersonalAccessTokens", "Id", "UserId", "Name", "TokenHash", "Prefix", "CreatedAt"))
        {
            for (var i = 0; i < size.Users; i++)
            {
                tokens[i] = PersonalAccessTokenService.SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
                    .TrimEnd('=').Replace('+', '-').Replace('/', '_');
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tokens[i])));
                await table.WriteAsync(Guid.CreateVersion7(start), users[i], "load test", hash, tokens[i][..PersonalAccessToken.PrefixLength], start);
            }
            await table.CompleteAsync();
        }
        Console.WriteLine($"  {size.Users:N0} people with tokens ({clock.Elapsed.TotalSeconds:F0} s)");

        // Rooms: the small ones, then the large room, then the long one.
        var rooms = new List<SeededRoom>();
        var roomCount = Math.Min(size.Rooms, size.Users / size.RoomSize);
        for (var r = 0; r < roomCount; r++)
            rooms.Add(new SeededRoom(Guid.CreateVersion7(start), $"load-{r:D3}", "small", [.. Enumerable.Range(r * size.RoomSize, size.RoomSize)], 0));
        var large = new SeededRoom(Guid.CreateVersion7(start), "load-large", "large", [.. Enumerable.Range(0, Math.Min(size.LargeRoomMembers, size.Users))], 0);
        var history = new SeededRoom(Guid.CreateVersion7(start), "load-history", "history", [0, 1], size.HistoryMessages);
        rooms.Add(large);
        rooms.Add(history);
        await using (var table = await BulkWriter.OpenAsync(connection, "Rooms", "Id", "Slug", "Name", "Topic", "Kind", "CreatedById", "CreatedAt",
                         "IsArchived", "PostingPolicy", "MemberLimit", "LastSeq"))
        {
            foreach (var room in rooms)
                await table.WriteAsync(room.Id, room.Slug, room.Slug, $"Load test ({room.Kind})", (int)RoomKind.PublicChannel, users[room.Members[0]], start,
                    false, (int)PostingPolicy.Everyone, RoomLimits.MaxMemberLimit, (long)room.Messages);
            await table.CompleteAsync();
        }
        await using (var table = await BulkWriter.OpenAsync(connection, "RoomMembers", "RoomId", "UserId", "Role", "JoinedAt", "LastReadSeq",
                         "IsFavourite", "NotificationLevel"))
        {
            foreach (var room in rooms)
                foreach (var u in room.Members)
                    await table.WriteAsync(room.Id, users[u], (int)(u == room.Members[0] ? RoomRole.Owner : RoomRole.Member), start, (long)room.Messages, false, 0);
            await table.CompleteAsync();
        }
        Console.WriteLine($"  {rooms.Count:N0} rooms, {rooms.Sum(r => r.Members.Count):N0} memberships ({clock.Elapsed.TotalSeconds:F0} s)");

        if (size.HistoryMessages > 0) await SeedHistoryAsync(connection, postgres, history, users, start, now, clock);

        var seed = new
        {
            password = Password,
            users = users.Select((id, i) => new { id, username = usernames[i], token = tokens[i] }),
            rooms = rooms.Select(r => new { id = r.Id, slug = r.Slug, kind = r.Kind, members = r.Members, lastSeq = r.Messages }),
        };
        await File.WriteAllTextAsync(outputPath, JsonSerializer.Serialize(seed));
        Console.WriteLine($"Seeded in {clock.Elapsed.TotalSeconds:F0} s; ids and tokens in {outputPath}");
    }

    // Short messages of a few kinds, rendered once each: the history pages measure reading, not rendering.
    private async Task SeedHistoryAsync(DbConnection connection, bool postgres, SeededRoom room, Guid[] users, DateTimeOffset start, DateTimeOffset end,
        Stopwatch clock)
    {
        string[] bodies = ["Deployed the **new build** to staging", "Can someone look at the failing check?", "Thanks, that fixed it",
            "Meeting moved to 3 pm, see `calendar`", "Here is the plan: https://example.test/plan", "Looks good to me"];
        var html = bodies.Select(body => markdown.Render(body)).ToArray();
        if (postgres) await BulkWriter.ExecuteAsync(connection, $"DROP INDEX IF EXISTS \"{SearchSchema.VectorIndex}\"");
        var gap = (end - start).TotalMilliseconds / room.Messages;
        await using (var table = await BulkWriter.OpenAsync(connection, "Messages", "Id", "RoomId", "Seq", "AuthorId", "ClientMessageId", "Body",
                         "BodyHtml", "CreatedAt", "ReplyCount", "MentionsRoom", "HasLink"))
        {
            for (var i = 0; i < room.Messages; i++)
            {
                var time = start.AddMilliseconds(gap * i);
                var kind = i % bodies.Length;
                await table.WriteAsync(Guid.CreateVersion7(time), room.Id, (long)i + 1, users[room.Members[i % 2]], Guid.NewGuid(), bodies[kind], html[kind],
                    time, 0, false, kind == 4);
                if ((i + 1) % 250_000 == 0) Console.WriteLine($"  {i + 1:N0} history messages ({clock.Elapsed.TotalSeconds:F0} s)");
            }
            await table.CompleteAsync();
        }
        if (postgres)
        {
            await BulkWriter.ExecuteAsync(connection, "SET maintenance_work_mem = '256MB'");
            await BulkWriter.ExecuteAsync(connection, SearchSchema.PostgresUp[1]);
            await BulkWriter.ExecuteAsync(connection, "VACUUM ANALYZE");
        }
        else
        {
            await BulkWriter.ExecuteAsync(connection, "ANALYZE");
        }
        Console.WriteLine($"  {room.Messages:N0} history messages ({clock.Elapsed.TotalSeconds:F0} s)");
    }

    private sealed record SeededRoom(Guid Id, string Slug, string Kind, List<int> Members, int Messages);
}
