//! Password hashing with argon2id (PHC strings in the database), on a small pool of threads that
//! each own their argon2 memory.
//!
//! argon2id needs 19 MiB per hash. Hashed on whichever of actix's many blocking threads a sign-in
//! lands on, that memory stayed with each thread's allocator (2,26 GB after some 300 sign-ins).
//! Here a pool of about one thread per core does every hash and verification in memory it
//! allocated once, so the server's memory stays flat however many people sign in; a sign-in waits
//! its turn instead.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};

/// The parameters of new hashes: argon2id's defaults (m = 19 MiB, t = 2, p = 1).
fn params() -> Params {
    Params::default()
}

enum Job {
    Hash(String, Sender<anyhow::Result<String>>),
    Verify(String, String, Sender<bool>),
}

/// The hashing threads, started on first use.
struct Pool {
    jobs: Mutex<Sender<Job>>,
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .clamp(1, 4);
        for n in 0..threads {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("obriy-argon2-{n}"))
                .spawn(move || work(&rx));
            if let Err(e) = spawned {
                tracing::error!(%e, "could not start a password hashing thread");
            }
        }
        Pool {
            jobs: Mutex::new(tx),
        }
    })
}

/// One hashing thread: its memory, allocated once and grown only for a stored hash that asks for
/// more.
fn work(jobs: &Mutex<Receiver<Job>>) {
    let mut memory = vec![Block::default(); params().block_count()];
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        match job {
            Ok(Job::Hash(password, reply)) => {
                let _ = reply.send(hash_with(&mut memory, &password));
            }
            Ok(Job::Verify(password, phc, reply)) => {
                let _ = reply.send(verify_with(&mut memory, &password, &phc));
            }
            Err(_) => return,
        }
    }
}

fn submit<T>(job: impl FnOnce(Sender<T>) -> Job) -> Option<T> {
    let (reply, answer) = mpsc::channel();
    let sent = pool()
        .jobs
        .lock()
        .ok()
        .map(|jobs| jobs.send(job(reply)).is_ok());
    if sent != Some(true) {
        return None;
    }
    answer.recv().ok()
}

/// A new PHC string for `password`, with a random salt.
pub fn hash(password: &str) -> anyhow::Result<String> {
    submit(|reply| Job::Hash(password.to_string(), reply))
        .unwrap_or_else(|| Err(anyhow::anyhow!("the password hashing threads are gone")))
}

/// Whether `password` matches the PHC string (false for one that cannot be read).
pub fn verify(password: &str, phc: &str) -> bool {
    submit(|reply| Job::Verify(password.to_string(), phc.to_string(), reply)).unwrap_or(false)
}

/// A hash of a random password, made once with the parameters of real ones: an unknown login is
/// checked against it, so it costs exactly what a wrong password for a known login does.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let mut random = [0u8; 24];
        OsRng.fill_bytes(&mut random);
        hash(&hex::encode(random)).unwrap_or_default()
    })
}

fn hash_with(memory: &mut Vec<Block>, password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let mut raw_salt = [0u8; 64];
    let raw_salt = salt
        .decode_b64(&mut raw_salt)
        .map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let params = params();
    let out = compute(memory, &params, password, raw_salt)?;
    let output = Output::new(&out).map_err(|e| anyhow::anyhow!("hash output: {e}"))?;
    let phc = PasswordHash {
        algorithm: argon2::ARGON2ID_IDENT,
        version: Some(Version::V0x13.into()),
        params: (&params)
            .try_into()
            .map_err(|e| anyhow::anyhow!("params: {e}"))?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(phc.to_string())
}

fn verify_with(memory: &mut Vec<Block>, password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    if parsed.algorithm != argon2::ARGON2ID_IDENT {
        return false;
    }
    let mut raw_salt = [0u8; 64];
    let Ok(raw_salt) = salt.decode_b64(&mut raw_salt) else {
        return false;
    };
    let Ok(out) = compute(memory, &params, password, raw_salt) else {
        return false;
    };
    // `Output`'s equality is constant-time.
    Output::new(&out).is_ok_and(|got| got == expected)
}

fn compute(
    memory: &mut Vec<Block>,
    params: &Params,
    password: &str,
    salt: &[u8],
) -> anyhow::Result<Vec<u8>> {
    if memory.len() < params.block_count() {
        memory.resize(params.block_count(), Block::default());
    }
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut out = vec![0u8; params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN)];
    argon
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, &mut memory[..])
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    #[test]
    fn hashes_verify_and_differ() {
        let a = super::hash("correct horse").expect("hash");
        let b = super::hash("correct horse").expect("hash");
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert!(super::verify("correct horse", &a));
        assert!(!super::verify("wrong horse", &a));
        assert!(!super::verify("x", super::dummy_hash()));
        assert!(!super::verify("x", "not a hash"));
    }

    #[test]
    fn hashes_made_elsewhere_verify_here_and_the_other_way_round() {
        // The hashes already in databases were made by the argon2 crate's own hasher.
        let salt = argon2::password_hash::SaltString::generate(&mut super::OsRng);
        let theirs = argon2::Argon2::default()
            .hash_password(b"obriy-demo-2026", &salt)
            .expect("hash")
            .to_string();
        assert!(super::verify("obriy-demo-2026", &theirs));
        assert!(!super::verify("obriy-demo-2027", &theirs));
        let ours = super::hash("obriy-demo-2026").expect("hash");
        let parsed = argon2::PasswordHash::new(&ours).expect("PHC");
        assert!(argon2::Argon2::default()
            .verify_password(b"obriy-demo-2026", &parsed)
            .is_ok());
    }
}
