using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Tests.Users;

/// <summary>
/// Two people (or two tabs) registering the same username or email at the same moment: one
/// account is created and the others get the field error a slower attempt would get, never an
/// exception and never a second account.
/// </summary>
/// <remarks>
/// The race is narrow (between Identity's duplicate check and the insert), so each test runs
/// several rounds of simultaneous attempts to meet it on every run.
/// </remarks>
public abstract class ConcurrentRegistration(ChatHostFixture fixture)
{
    private const int Rounds = 12;
    private const int Attempts = 6;

    private ChatTestHost Host => fixture.Host;

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 10)];

    /// <summary>Registers all at once; each outcome reads "created", "refused: Field" or "threw Type: message".</summary>
    private async Task<string[]> RegisterAtOnceAsync(IEnumerable<(string Email, string Username)> people)
    {
        using var start = new ManualResetEventSlim();
        var attempts = people.Select(person => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                var result = await Host.WithAccountsAsync(accounts => accounts.RegisterAsync(person.Email, person.Username, ChatTestHost.Password));
                return result.Succeeded ? "created" : $"refused: {string.Join(", ", result.Errors.Keys)}";
            }
            catch (Exception ex)
            {
                return $"threw {ex.GetType().Name}: {ex.GetBaseException().Message}";
            }
        })).ToList();
        start.Set();
        return await Task.WhenAll(attempts);
    }

    [Fact]
    public async Task Registering_one_username_at_once_creates_one_account_and_refuses_the_rest()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var username = Unique("race_");

            var outcomes = await RegisterAtOnceAsync(Enumerable.Range(0, Attempts).Select(_ => ($"{Unique("racer")}@example.test", username)));

            var report = $"round {round + 1}: {string.Join(" | ", outcomes)}";
            outcomes.Count(o => o == "created").ShouldBe(1, report);
            outcomes.Where(o => o != "created").ShouldAllBe(o => o == "refused: Username", report);
            await using var db = await Host.DbFactory.CreateDbContextAsync();
            (await db.Users.CountAsync(u => u.NormalizedUserName == username.ToUpperInvariant())).ShouldBe(1, report);
        }
    }

    [Fact]
    public async Task Registering_one_email_at_once_creates_one_account_and_refuses_the_rest()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var email = $"{Unique("shared")}@example.test";

            var outcomes = await RegisterAtOnceAsync(Enumerable.Range(0, Attempts).Select(_ => (email, Unique("mail_"))));

            var report = $"round {round + 1}: {string.Join(" | ", outcomes)}";
            await using (var db = await Host.DbFactory.CreateDbContextAsync())
                (await db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant())).ShouldBe(1, report);
            outcomes.Count(o => o == "created").ShouldBe(1, report);
            outcomes.Where(o => o != "created").ShouldAllBe(o => o == "refused: Email", report);
        }
    }
}

public sealed class ConcurrentRegistration_on_Sqlite(SqliteChatHost fixture) : ConcurrentRegistration(fixture), IClassFixture<SqliteChatHost>;

public sealed class ConcurrentRegistration_on_Postgres(PostgresChatHost fixture) : ConcurrentRegistration(fixture), IClassFixture<PostgresChatHost>;
