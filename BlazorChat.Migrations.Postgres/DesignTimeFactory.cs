using BlazorChat.Core.Data;

namespace BlazorChat.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the app's context on Postgres.</summary>
public sealed class DesignTimeFactory() : ChatDesignTimeDbContextFactory(DatabaseProvider.Postgres);
