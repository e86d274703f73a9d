using BlazorChat.Core.Search;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace BlazorChat.Tests.Data;

/// <summary>
/// Each provider's generated migrations must build exactly the schema the EF model describes: a
/// database built by <c>Migrate</c> is compared with one built by <c>EnsureCreated</c>, on each provider.
/// When this fails, add a migration with <c>dotnet ef migrations add</c> (see <c>ChatDbContext</c>) for both providers.
/// </summary>
public abstract class SchemaDrift(TestDatabase database, ITestOutputHelper output)
{
    [Fact]
    public async Task The_migrated_schema_matches_the_model()
    {
        await using var migratedHost = await ChatTestHost.CreateAsync(database, start: false, purpose: "migrated");
        await using var modelHost = await ChatTestHost.CreateAsync(database, start: false, purpose: "model");
        await using var migratedDb = await migratedHost.DbFactory.CreateDbContextAsync();
        await using var modelDb = await modelHost.DbFactory.CreateDbContextAsync();

        await migratedDb.Database.MigrateAsync();
        (await modelDb.Database.EnsureCreatedAsync()).ShouldBeTrue();
        var migrated = await DatabaseSchema.ReadAsync(migratedDb);
        var model = await DatabaseSchema.ReadAsync(modelDb);

        output.WriteLine($"{database}: {migrated.Count} schema facts from migrations, {model.Count} from the model.");
        // The reader must have seen the real schema, or an empty comparison would pass.
        foreach (var table in new[] { "AspNetUsers", "AspNetUserPasskeys", "Rooms", "RoomMembers", "Messages" })
            migrated.ShouldContain($"{table}: table");
        migrated.ShouldContain(f => f.StartsWith("Messages: index IX_Messages_RoomId_Seq", StringComparison.Ordinal) && f.Contains("UNIQUE"));
        migrated.ShouldContain(f => f.StartsWith("AspNetUserPasskeys: column CredentialId", StringComparison.Ordinal));

        // The full-text objects are outside the EF model (ADR-006): the migration alone makes them.
        var searchFacts = migrated.Where(DatabaseSchema.IsSearchFact).ToList();
        output.WriteLine(string.Join(Environment.NewLine, searchFacts));
        model.Where(DatabaseSchema.IsSearchFact).ShouldBeEmpty();
        if (database == TestDatabase.Postgres)
        {
            searchFacts.ShouldContain(f => f.StartsWith($"Messages: column {SearchSchema.VectorColumn} tsvector NULL GENERATED ALWAYS AS", StringComparison.Ordinal)
                                           && f.Contains("to_tsvector('simple'", StringComparison.Ordinal));
            searchFacts.ShouldContain(f => f.StartsWith($"Messages: index {SearchSchema.VectorIndex}:", StringComparison.Ordinal) && f.Contains("USING gin", StringComparison.Ordinal));
        }
        else searchFacts.ShouldContain($"{SearchSchema.FtsTable}: table");
        migrated.ExceptWith(searchFacts);

        var drift = DatabaseSchema.Describe(migrated, model);
        if (drift.Length > 0)
            Assert.Fail($"Schema drift on {database}: the database built by the migrations differs from the one EnsureCreated builds from the model." +
                        $"{Environment.NewLine}{drift}");
    }
}

public sealed class SchemaDrift_on_Sqlite(ITestOutputHelper output) : SchemaDrift(TestDatabase.Sqlite, output);

public sealed class SchemaDrift_on_Postgres(ITestOutputHelper output) : SchemaDrift(TestDatabase.Postgres, output);
