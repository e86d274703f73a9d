using BlazorChat.Core;
using BlazorChat.Core.Attachments.Images;
using BlazorChat.Core.Data;
using BlazorChat.Core.Users;
using BlazorChat.Web.Api;
using BlazorChat.Web.Components;
using BlazorChat.Web.Components.Account;
using BlazorChat.Web.Components.Presence;
using BlazorChat.Web.Components.ReadState;
using BlazorChat.Web.Components.Shared;
using BlazorChat.Web.Components.Users;
using BlazorChat.Web.Endpoints;
using BlazorChat.Web.Operations;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Radzen;
using MudBlazor.Services;
using BlazorChat.Web.Components.Layout.Theme;

namespace BlazorChat.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>Registers the UI, Identity and the cookie sign-in on top of the chat core.</summary>
    public static WebApplicationBuilder AddChatWeb(this WebApplicationBuilder builder)
    {
        // Build output (not published output) finds its static assets, compressed variants
        // included, through a manifest that only this reads; published output has no such
        // manifest and this does nothing. Without it a plain build run in Production serves
        // empty compressed assets.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddMudServices();
        services.AddScoped<ThemeState>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<ViewerClock>();
        services.AddScoped<ViewerActivity>();
        services.AddScoped<CircuitConnection>();
        services.AddSingleton<ShutdownAnnouncer>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownAnnouncer>());
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
        services.AddScoped<UnreadTracker>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<ChatUser>(options =>
            {
                // Email confirmation is required only where an email sender is configured; there is none yet.
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = UsernameRules.AllowedCharacters;
                // Length over composition rules: a long passphrase is strong without symbols.
                options.Password.RequiredLength = 8;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<ChatDbContext>()
            .AddSignInManager<ChatSignInManager>()
            .AddDefaultTokenProviders();
        services.AddSingleton<IEmailSender<ChatUser>, IdentityNoOpEmailSender>();
        // Sign-in cookies are checked against the account (security stamp, ban) every minute, not every 30.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        // Each cookie carries its browser session, checked at the same interval (settings: "Sign out everywhere else").
        services.AddBrowserSessionClaims();

        // Keys live in the database, so sign-ins survive a restart and a move to another node (ADR-010).
        // They are stored as the rest of the data is, unencrypted, and say so in their XML (no
        // "no XML encryptor" warning on first start); an operator who wants them encrypted at rest
        // adds ProtectKeysWithCertificate in front of this.
        services.AddDataProtection()
            .SetApplicationName("BlazorChat")
            .PersistKeysToDbContext<ChatDbContext>();
        services.Configure<KeyManagementOptions>(keys => keys.XmlEncryptor ??= new NullXmlEncryptor());

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<ImageProcessingHealthCheck>("images", tags: ["ready"]);
        services.AddScoped<ViewerAvatar>();
        services.AddScoped<ProfileCards>();
        services.AddCascadingValue(sp => sp.GetRequiredService<ProfileCards>());
        return builder;
    }

    /// <summary>The middleware pipeline, in order.</summary>
    public static WebApplication UseChatPipeline(this WebApplication app)
    {
        app.UseShutdownGate();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        // Pages show the not-found page; the API and the hub answer a bare status with ProblemDetails.
        app.UseWhen(context => !context.IsApiRequest(), pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseWhen(context => context.IsApiRequest(), api => api.UseStatusCodePages());
        app.UseSecurityHeaders();
        app.UseNodeAffinity();
        // Called here (not left to WebApplication) so that the answers above reach 401s and 403s,
        // and CORS preflights are answered before authorization.
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseChatApi();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Pages, Identity endpoints, files, the API and its hub, and health checks.</summary>
    public static WebApplication MapChatEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapFileEndpoints();
        app.MapChatApi();
        app.MapAdminEndpoints();
        app.MapBenchmarkEndpoints();
        // Live: the process answers. Ready: it can also do its work (database reachable, image processing and, with Redis, the bus).
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapChatOperations();
        return app;
    }
}
