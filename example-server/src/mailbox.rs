//! The in-memory mailbox and address book the example server serves: a folder hierarchy with
//! messages ([MS-OXCFOLD], [MS-OXCMSG] properties) and a handful of address book users
//! ([MS-OXNSPI]).

use mapi_codec::data::{FolderId, GlobalCounter, MessageId, PropTag};
use mapi_codec::wire::Guid;

/// PidTagSenderName ([MS-OXPROPS] 2.997).
pub const SENDER_NAME: PropTag = PropTag(0x0C1A_001F);
/// PidTagContentCount ([MS-OXPROPS] 2.642).
pub const CONTENT_COUNT: PropTag = PropTag(0x3602_0003);
/// PidTagSubfolders ([MS-OXPROPS] 2.1035).
pub const SUBFOLDERS: PropTag = PropTag(0x360A_000B);
/// PidTagDepth ([MS-OXPROPS] 2.661): a row's depth in a hierarchy table opened with Depth.
pub const DEPTH: PropTag = PropTag(0x3005_0003);
/// PidTagParentFolderId ([MS-OXPROPS] 2.853).
pub const PARENT_FOLDER_ID: PropTag = PropTag(0x6749_0014);
/// PidTagSmtpAddress ([MS-OXPROPS] 2.1017).
pub const SMTP_ADDRESS: PropTag = PropTag(0x39FE_001F);
/// PidTagEmailAddress ([MS-OXPROPS] 2.675).
pub const EMAIL_ADDRESS: PropTag = PropTag(0x3003_001F);
/// PidTagTitle ([MS-OXPROPS] 2.1061).
pub const TITLE: PropTag = PropTag(0x3A17_001F);
/// PidTagDisplayType ([MS-OXPROPS] 2.674).
pub const DISPLAY_TYPE: PropTag = PropTag(0x3900_0003);
/// PidTagContainerFlags ([MS-OXPROPS] 2.636), of address book containers.
pub const CONTAINER_FLAGS: PropTag = PropTag(0x3600_0003);

/// The mailbox GUID the logon reports ([MS-OXCROPS] 2.2.3.1.2 MailboxGuid).
pub const MAILBOX_GUID: Guid = Guid::from_fields(
    0x9F1D_4C2A,
    0x6B1E,
    0x4F0E,
    [0x8A, 0x1E, 0x3C, 0x5D, 0x7E, 0x9F, 0x0A, 0x1B],
);
/// The replica GUID of ReplicaId 1 ([MS-OXCROPS] 2.2.3.1.2 ReplGuid).
pub const REPL_GUID: Guid = Guid::from_fields(
    0x3A7B_9C11,
    0x52D4,
    0x4E8F,
    [0x91, 0x0A, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6, 0x07],
);

/// 2026-11-20T08:00:00Z as a FILETIME (100 ns ticks since 1601): the newest delivery time.
pub const BASE_TIME: u64 = (1_795_161_600 + 11_644_473_600) * 10_000_000;
const HOUR: u64 = 3_600 * 10_000_000;

/// A folder id of ReplicaId 1 with a small GlobalCounter ([MS-OXCDATA] 2.2.1.1).
pub const fn folder_id(counter: u16) -> FolderId {
    let c = counter.to_be_bytes();
    FolderId {
        replica_id: 1,
        global_counter: GlobalCounter([0, 0, 0, 0, c[0], c[1]]),
    }
}

/// A message id of ReplicaId 1 ([MS-OXCDATA] 2.2.1.2).
pub fn message_id(counter: u32) -> MessageId {
    let c = counter.to_be_bytes();
    MessageId {
        replica_id: 1,
        global_counter: GlobalCounter([0, 0, c[0], c[1], c[2], c[3]]),
    }
}

/// The 13 folder ids of a private logon, in the order of [MS-OXCROPS] 2.2.3.1.2 FolderIds:
/// Root, Deferred Action, Spooler Queue, Top of Information Store (IPM subtree), Inbox, Outbox,
/// Sent Items, Deleted Items, Common Views, Schedule, Search, Views, Shortcuts.
pub fn logon_folder_ids() -> [FolderId; 13] {
    std::array::from_fn(|k| folder_id(0x2E36 + k as u16))
}

/// The Top of Information Store (the IPM subtree), whose hierarchy a client lists.
pub const IPM_SUBTREE: FolderId = folder_id(0x2E39);
/// The Inbox.
pub const INBOX: FolderId = folder_id(0x2E3A);

/// One message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// PidTagMid.
    pub id: MessageId,
    /// PidTagSubject.
    pub subject: String,
    /// PidTagSenderName.
    pub sender: String,
    /// PidTagMessageDeliveryTime, a FILETIME.
    pub delivered: u64,
    /// PidTagMessageSize, in bytes.
    pub size: i32,
}

/// One folder and its messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Folder {
    /// PidTagFolderId.
    pub id: FolderId,
    /// PidTagParentFolderId (the Root has none).
    pub parent: Option<FolderId>,
    /// PidTagDisplayName.
    pub name: String,
    /// The messages, newest first (the order of the contents table).
    pub messages: Vec<Message>,
}

/// One address book user ([MS-OXNSPI] 2.2.1.1 a mail user).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// The Minimal Entry ID the server gives the object ([MS-OXNSPI] 2.2.9.1).
    pub mid: u32,
    /// PidTagDisplayName.
    pub display_name: String,
    /// PidTagSmtpAddress.
    pub smtp: String,
    /// PidTagEmailAddress (the X500 DN).
    pub dn: String,
    /// PidTagTitle.
    pub title: String,
}

/// The whole store: folders and users.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mailbox {
    /// The mailbox owner's display name (Connect's DisplayName).
    pub owner: String,
    /// The DN prefix of the organization (Connect's DnPrefix).
    pub dn_prefix: String,
    /// Every folder, parents before children.
    pub folders: Vec<Folder>,
    /// The Global Address List.
    pub users: Vec<User>,
}

const TOPICS: [&str; 10] = [
    "Quarterly report draft",
    "Lunch on Friday?",
    "Build failures on main",
    "Invoice 2026-1147",
    "Team offsite agenda",
    "Customer feedback",
    "Password expiry notice",
    "Design review notes",
    "Holiday schedule",
    "Welcome to the project",
];

const PEOPLE: [(&str, &str); 6] = [
    ("Ann Lee", "Finance Manager"),
    ("Bo Chen", "Software Engineer"),
    ("Cy Diaz", "Designer"),
    ("Dee Okafor", "Sales Lead"),
    ("Eli Novak", "Support Engineer"),
    ("Jane Doe", "Program Manager"),
];

impl Mailbox {
    /// The sample mailbox: Jane Doe's, with 30 messages in the Inbox, 3 in Sent Items, 2 in
    /// Drafts, a Projects folder under the Inbox, and six users in the address book.
    pub fn sample() -> Mailbox {
        let ids = logon_folder_ids();
        let names = [
            "Root",
            "Deferred Action",
            "Spooler Queue",
            "Top of Information Store",
            "Inbox",
            "Outbox",
            "Sent Items",
            "Deleted Items",
            "Common Views",
            "Schedule",
            "Search",
            "Views",
            "Shortcuts",
        ];
        let mut folders: Vec<Folder> = ids
            .iter()
            .zip(names)
            .enumerate()
            .map(|(k, (id, name))| Folder {
                id: *id,
                parent: match k {
                    0 => None,
                    4..=7 => Some(IPM_SUBTREE),
                    _ => Some(ids[0]),
                },
                name: name.to_string(),
                messages: Vec::new(),
            })
            .collect();
        folders.push(Folder {
            id: folder_id(0x2E43),
            parent: Some(IPM_SUBTREE),
            name: "Drafts".into(),
            messages: Vec::new(),
        });
        folders.push(Folder {
            id: folder_id(0x2E44),
            parent: Some(INBOX),
            name: "Projects".into(),
            messages: Vec::new(),
        });
        let mut next = 0x6100u32;
        let mut fill = |folder: &mut Folder, n: u64, subject: &dyn Fn(u64) -> String| {
            for i in 0..n {
                folder.messages.push(Message {
                    id: message_id(next),
                    subject: subject(i),
                    sender: PEOPLE[(i % 5) as usize].0.to_string(),
                    delivered: BASE_TIME - i * HOUR,
                    size: 2_048 + 517 * i as i32,
                });
                next += 1;
            }
        };
        fill(&mut folders[4], 30, &|i| {
            format!("{} ({})", TOPICS[(i % 10) as usize], i + 1)
        });
        fill(&mut folders[6], 3, &|i| {
            format!("Re: {}", TOPICS[i as usize])
        });
        fill(&mut folders[13], 2, &|i| {
            format!("Draft: {}", TOPICS[9 - i as usize])
        });
        let dn_prefix = "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)";
        let users = PEOPLE
            .iter()
            .enumerate()
            .map(|(k, (name, title))| {
                let alias: String = name
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_lowercase();
                User {
                    mid: 0x1A10 + k as u32,
                    display_name: name.to_string(),
                    smtp: format!("{alias}@contoso.com"),
                    dn: format!("{dn_prefix}/cn=Recipients/cn={alias}"),
                    title: title.to_string(),
                }
            })
            .collect();
        Mailbox {
            owner: "Jane Doe".into(),
            dn_prefix: dn_prefix.into(),
            folders,
            users,
        }
    }

    /// The folder with this id.
    pub fn folder(&self, id: FolderId) -> Option<&Folder> {
        self.folders.iter().find(|f| f.id == id)
    }

    /// The children of a folder, in order.
    pub fn children(&self, id: FolderId) -> impl Iterator<Item = &Folder> {
        self.folders.iter().filter(move |f| f.parent == Some(id))
    }

    /// The rows of a hierarchy table on `id`: its children, and with `depth` every descendant
    /// (depth-first), each with its depth (1 for a child) ([MS-OXCFOLD] 2.2.1.13).
    pub fn hierarchy(&self, id: FolderId, depth: bool) -> Vec<(&Folder, u32)> {
        let mut out = Vec::new();
        self.walk(id, 1, depth, &mut out);
        out
    }

    fn walk<'m>(&'m self, id: FolderId, level: u32, deep: bool, out: &mut Vec<(&'m Folder, u32)>) {
        for f in self.children(id) {
            out.push((f, level));
            if deep {
                self.walk(f.id, level + 1, deep, out);
            }
        }
    }

    /// Ambiguous name resolution ([MS-OXNSPI] 3.1.4.7): the users whose display name, SMTP
    /// address or a word of the display name starts with `name` (ASCII case-insensitive).
    pub fn resolve(&self, name: &str) -> Vec<&User> {
        let n = name.trim().to_lowercase();
        if n.is_empty() {
            return Vec::new();
        }
        self.users
            .iter()
            .filter(|u| {
                let d = u.display_name.to_lowercase();
                d.starts_with(&n)
                    || u.smtp.to_lowercase().starts_with(&n)
                    || d.split(' ').any(|w| w.starts_with(&n))
            })
            .collect()
    }
}
