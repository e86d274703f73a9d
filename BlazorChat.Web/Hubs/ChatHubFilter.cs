using BlazorChat.Core.Common;
using BlazorChat.Core.Events.Redis;
using BackplaneOptions = Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions;
using BlazorChat.Web.Api;
using Microsoft.AspNetCore.SignalR;

namespace BlazorChat.Web.Hubs;

/// <summary>
/// Turns a refusal from Core into a <see cref="HubException"/>, whose message the client sees,
/// prefixed with the HTTP status the REST API would give (<c>"404: The room was not found."</c>),
/// so clients handle both the same way. Other exceptions stay hidden, as SignalR does by default.
/// </summary>
internal sealed class ChatHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (ChatException ex)
        {
            throw new HubException($"{ApiProblems.StatusOf(ex)}: {ex.Message}");
        }
    }
}

/// <summary>Registration and route of the hub.</summary>
internal static class HubServiceCollectionExtensions
{
    public static void AddChatHub(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR(options => options.AddFilter<ChatHubFilter>())
            .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddSingleton<HubRelay>();
        // Several nodes: hub groups, users and connections span them through Redis (ADR-016), on the
        // node's one Redis connection, which the event bus shares. SignalR subscribes its channels
        // once, so it gets the connection once Redis first answered.
        if (RedisEventBusRegistration.IsConfigured(configuration))
        {
            signalR.AddStackExchangeRedis();
            services.AddOptions<BackplaneOptions>().Configure<RedisConnection>((options, redis) =>
                options.ConnectionFactory = async _ => await redis.GetConnectedAsync());
        }
    }

    public static void MapChatHub(this WebApplication app) =>
        app.MapHub<ChatHub>("/hubs/chat").RequireCors(ApiServiceCollectionExtensions.CorsPolicy);
}
