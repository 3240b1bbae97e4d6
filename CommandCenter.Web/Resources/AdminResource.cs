namespace CommandCenter.Web.Resources;

/// <summary>
/// The marker type for the administration pages (users, API keys) and the change-password page: AdminResource.resx holds
/// the Chinese (zh-CN, the neutral language) and AdminResource.en.resx the English text. Inject IStringLocalizer&lt;AdminResource&gt;.
/// </summary>
public sealed class AdminResource;
