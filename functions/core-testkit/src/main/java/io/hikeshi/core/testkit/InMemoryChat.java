package io.hikeshi.core.testkit;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.warroom.ServiceDirectory.ResponseGuide;
import io.hikeshi.core.warroom.WarRoomChat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link WarRoomChat} in memory: a workspace that keeps its channels, posts, pins and bookmarks and
 * behaves as the chat platform does (names are unique, pins and invitations idempotent, posts not).
 * Every call is logged by method name; a test can make a call fail or run something first.
 */
public final class InMemoryChat implements WarRoomChat {

    /** A message this app posted. */
    public record Post(String channel, String ts, String kind, IncidentId incident, Object content) { }

    private final Map<String, String> channelIdsByName = new HashMap<>();
    private final Set<String> ownChannels = new HashSet<>();
    private final Set<String> privateChannels = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, String> topics = new HashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();
    private final List<Post> posts = new ArrayList<>();
    private final Set<String> pins = new HashSet<>();
    private final Map<String, List<Bookmark>> bookmarks = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Consumer<String>> before = new LinkedHashMap<>();
    private int nextId;

    /** A channel someone else made: creating one of that name is refused. */
    public synchronized InMemoryChat withChannelOfSomeoneElse(String name) {
        channelIdsByName.put(name, "C" + (++nextId));
        return this;
    }

    /**
     * Runs {@code action} when {@code method} is next called, before it does anything (once). The
     * action may throw, as the platform or the network would.
     */
    public synchronized InMemoryChat beforeNext(String method, Consumer<String> action) {
        before.put(method, action);
        return this;
    }

    // ---- what a test looks at ----

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized long calls(String method) {
        return calls.stream().filter(method::equals).count();
    }

    public synchronized List<String> channelNames() {
        return channelIdsByName.entrySet().stream().filter(e -> ownChannels.contains(e.getValue())).map(Map.Entry::getKey)
                .sorted().toList();
    }

    public synchronized List<Post> posts(String kind) {
        return posts.stream().filter(p -> p.kind().equals(kind)).toList();
    }

    public synchronized String topic(String channel) {
        return topics.get(channel);
    }

    public synchronized Set<String> members(String channel) {
        return Set.copyOf(members.getOrDefault(channel, Set.of()));
    }

    public synchronized boolean isPinned(String channel, String ts) {
        return pins.contains(channel + "/" + ts);
    }

    public synchronized List<Bookmark> bookmarks(String channel) {
        return List.copyOf(bookmarks.getOrDefault(channel, List.of()));
    }

    // ---- the port ----

    /** Whether the channel of this name was created private. */
    public boolean isPrivate(String channelName) {
        return privateChannels.contains(channelName);
    }

    @Override
    public NewChannel createChannel(String name, Incident.Visibility visibility) {
        called("createChannel");
        if (visibility == Incident.Visibility.PRIVATE) {
            privateChannels.add(name);
        }
        synchronized (this) {
            String existing = channelIdsByName.get(name);
            if (existing != null) {
                return ownChannels.contains(existing) ? new NewChannel.MadeEarlier(existing) : new NewChannel.NameTaken();
            }
            String id = "C" + (++nextId);
            channelIdsByName.put(name, id);
            ownChannels.add(id);
            return new NewChannel.Created(id);
        }
    }

    @Override
    public void setTopic(String channel, Incident incident) {
        called("setTopic");
        synchronized (this) {
            topics.put(channel, incident.severity() + " · " + incident.status() + " · " + incident.commander()
                    + (incident.roles().isEmpty() ? "" : " · " + incident.roles()));
        }
    }

    @Override
    public void invite(String channel, Set<String> users, Set<String> userGroups) {
        called("invite");
        synchronized (this) {
            Set<String> in = members.computeIfAbsent(channel, c -> new HashSet<>());
            in.addAll(users);
            userGroups.forEach(group -> in.add("group:" + group));
        }
    }

    @Override
    public String postCard(String channel, Incident incident) {
        called("postCard");
        return post(channel, "card", incident.id(), incident);
    }

    @Override
    public void updateCard(String channel, String cardTs, Incident incident) {
        called("updateCard");
        synchronized (this) {
            posts.replaceAll(p -> p.channel().equals(channel) && p.ts().equals(cardTs)
                    ? new Post(channel, cardTs, p.kind(), p.incident(), incident) : p);
        }
    }

    @Override
    public void pin(String channel, String messageTs) {
        called("pin");
        synchronized (this) {
            pins.add(channel + "/" + messageTs);
        }
    }

    @Override
    public void addBookmarks(String channel, IncidentId incident, List<Bookmark> links) {
        called("addBookmarks");
        synchronized (this) {
            bookmarks.computeIfAbsent(channel, c -> new ArrayList<>()).addAll(links);
        }
    }

    @Override
    public void postGuide(String channel, IncidentId incident, ResponseGuide guide) {
        called("postGuide");
        post(channel, "guide", incident, guide);
    }

    @Override
    public EarlierPosts earlierPosts(String channel, IncidentId incident) {
        called("earlierPosts");
        synchronized (this) {
            String card = posts.stream().filter(p -> p.channel().equals(channel) && p.kind().equals("card")
                    && p.incident().equals(incident)).map(Post::ts).findFirst().orElse(null);
            boolean guide = posts.stream().anyMatch(p -> p.channel().equals(channel) && p.kind().equals("guide")
                    && p.incident().equals(incident));
            return new EarlierPosts(card, guide);
        }
    }

    @Override
    public void broadcast(String channel, Announcement announcement) {
        called("broadcast");
        post(channel, "announcement", null, announcement);
    }

    @Override
    public void postLine(String channel, IncidentId incident, Line line) {
        called("postLine");
        post(channel, "line", incident, line);
    }

    private String post(String channel, String kind, IncidentId incident, Object content) {
        synchronized (this) {
            String ts = "1795403567." + String.format("%06d", posts.size() + 1);
            posts.add(new Post(channel, ts, kind, incident, content));
            return ts;
        }
    }

    /** Logs the call, then runs what the test asked to happen first (outside the lock: it may call back in). */
    private void called(String method) {
        Consumer<String> action;
        synchronized (this) {
            calls.add(method);
            action = before.remove(method);
        }
        if (action != null) {
            action.accept(method);
        }
    }
}
